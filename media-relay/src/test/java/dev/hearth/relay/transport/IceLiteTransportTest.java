package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.DtlsCertificate;
import dev.hearth.relay.stun.StunMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ICE-lite on the relay's real UDP port, with a plain DatagramSocket playing the browser's ICE agent. */
@ExtendWith(NettyLeakCheck.class)
class IceLiteTransportTest {

    private static final IceParameters CLIENT = new IceParameters("clientUfrag", "clientPasswordOf24Chars!!");
    private static final String CLIENT_FINGERPRINT = DtlsCertificate.generate().fingerprint().toSdpValue();

    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private UdpMediaServer relay;
    private final RecordingListener events = new RecordingListener();
    private RelayTransport transport;
    private StunClient client;

    @BeforeEach
    void start() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback());
        relay.onPipelineException(pipelineFailures::add);
        transport = (RelayTransport) relay.create(events);
        transport.setRemote(CLIENT, CLIENT_FINGERPRINT);
        client = new StunClient(relay.localAddress());
    }

    @AfterEach
    void stop() {
        client.close();
        relay.close();
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    private String username() {
        return transport.localIce().ufrag() + ":" + CLIENT.ufrag();
    }

    private String password() {
        return transport.localIce().password();
    }

    @Test
    void localCredentialsAreLongRandomIceStrings() {
        IceParameters local = transport.localIce();
        assertTrue(local.ufrag().length() >= 8 && local.ufrag().matches("[A-Za-z0-9+/]+"));
        assertTrue(local.password().length() >= 24 && local.password().matches("[A-Za-z0-9+/]+"));
        assertNotEquals(local, relay.create(new RecordingListener()).localIce());
    }

    @Test
    void validCheckIsAnsweredWithMappedAddressIntegrityAndFingerprint() throws Exception {
        byte[] check = client.check(username(), password(), false);
        StunMessage answer = client.exchange(check);

        assertNotNull(answer, "relay answers a valid check");
        assertTrue(answer.isBindingSuccessResponse());
        assertTrue(answer.transactionIdEquals(check, 8));
        assertEquals(client.localAddress(), answer.xorMappedAddress());
        assertTrue(answer.verifyMessageIntegrity(password().getBytes(StandardCharsets.UTF_8)));
        assertTrue(answer.verifyFingerprint());
        assertTrue(onLoop(() -> validated(transport, client.localAddress())));
    }

    @Test
    void checkWithWrongPasswordGets401AndValidatesNothing() throws Exception {
        StunMessage answer = client.exchange(client.check(username(), "wrongPasswordOf24Charss!", true));

        assertNotNull(answer);
        assertTrue(answer.isBindingErrorResponse());
        assertEquals(401, answer.errorCode());
        assertFalse(answer.hasMessageIntegrity(), "a 401 cannot be signed with a key the client does not share");
        assertFalse(onLoop(() -> validated(transport, client.localAddress())));
        assertNull(onLoop(() -> transport.agent().selected()));
    }

    @Test
    void checkWithWrongClientUfragIsDroppedSilently() throws Exception {
        client.send(client.check(transport.localIce().ufrag() + ":someoneElse", password(), true));

        assertNull(client.receive(StunClient.SILENCE_MILLIS));
        assertEquals(1, onLoop(() -> transport.counters().droppedCount(DropReason.ICE_CHECK_REJECTED)));
    }

    @Test
    void checkWithoutFingerprintIsDroppedSilently() throws Exception {
        client.send(client.customCheck(username(), password(), false, -1));

        assertNull(client.receive(StunClient.SILENCE_MILLIS));
        assertFalse(onLoop(() -> validated(transport, client.localAddress())));
    }

    @Test
    void checkForUnknownUfragIsDroppedSilently() throws Exception {
        client.send(client.check("noSuchUfrag:" + CLIENT.ufrag(), password(), true));

        assertNull(client.receive(StunClient.SILENCE_MILLIS));
        assertEquals(1, onLoop(() -> relay.portCounters().droppedCount(DropReason.ICE_UFRAG_UNKNOWN)));
    }

    @Test
    void checkBeforeTheClientIsKnownIsDropped() throws Exception {
        RelayTransport fresh = (RelayTransport) relay.create(new RecordingListener());
        String freshUsername = fresh.localIce().ufrag() + ":" + CLIENT.ufrag();
        client.send(client.check(freshUsername, fresh.localIce().password(), true));

        assertNull(client.receive(StunClient.SILENCE_MILLIS));
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420ListingIt() throws Exception {
        int unknownType = 0x7F01;
        StunMessage answer = client.exchange(client.customCheck(username(), password(), true, unknownType));

        assertNotNull(answer);
        assertEquals(420, answer.errorCode());
        assertEquals(unknownType, answer.unknownAttributesListed()[0]);
        assertTrue(answer.verifyMessageIntegrity(password().getBytes(StandardCharsets.UTF_8)));
        assertFalse(onLoop(() -> validated(transport, client.localAddress())));
    }

    @Test
    void unknownComprehensionOptionalAttributeIsIgnored() throws Exception {
        StunMessage answer = client.exchange(client.customCheck(username(), password(), true, 0xC057));

        assertNotNull(answer);
        assertTrue(answer.isBindingSuccessResponse());
    }

    @Test
    void datagramsFromAnAddressWithoutAValidCheckAreDropped() throws Exception {
        byte[] rtp = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 1, 2, 3, 4};
        byte[] dtls = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] rtcp = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 7};
        client.send(rtp);
        client.send(dtls);
        client.send(rtcp);

        awaitOnLoop(() -> relay.portCounters().droppedCount(DropReason.UNVERIFIED_SOURCE) == 3);
        assertEquals(0, onLoop(() -> transport.counters().receivedCount()));
    }

    @Test
    void datagramOutsideEveryRfc7983RangeIsCountedAndDropped() throws Exception {
        client.send(new byte[] {100, 1, 2, 3});
        client.send(new byte[] {(byte) 0xFF});

        awaitOnLoop(() -> relay.portCounters().droppedCount(DropReason.UNKNOWN_PROTOCOL) == 2);
    }

    @Test
    void latestNominationSelectsTheAddress() throws Exception {
        try (StunClient wifi = new StunClient(relay.localAddress());
                StunClient cellular = new StunClient(relay.localAddress())) {
            assertNotNull(wifi.exchange(wifi.check(username(), password(), false)));
            assertNotNull(cellular.exchange(cellular.check(username(), password(), true)));
            assertEquals(cellular.localAddress(), onLoop(() -> transport.agent().selected()));

            assertNotNull(wifi.exchange(wifi.check(username(), password(), true)));
            assertEquals(wifi.localAddress(), onLoop(() -> transport.agent().selected()));
            assertTrue(onLoop(() -> validated(transport, cellular.localAddress())));
        }
    }

    @Test
    void transportWithoutChecksLosesConsentAndIsFreed() throws Exception {
        relay.close();
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback().withConsentTimeout(Duration.ofMillis(200)));
        relay.onPipelineException(pipelineFailures::add);
        RecordingListener shortLived = new RecordingListener();
        transport = (RelayTransport) relay.create(shortLived);
        transport.setRemote(CLIENT, CLIENT_FINGERPRINT);
        client.close();
        client = new StunClient(relay.localAddress());
        assertNotNull(client.exchange(client.check(username(), password(), true)));

        assertTrue(shortLived.closed.await(3, TimeUnit.SECONDS));
        assertEquals("ice-consent-expired", shortLived.closeReason);
        assertEquals(0, relay.transportCount());
        assertEquals(0, onLoop(() -> relay.registry().ufragCount()));
        assertEquals(0, onLoop(() -> relay.routeCount()));
        client.send(client.check(username(), password(), true));
        assertNull(client.receive(StunClient.SILENCE_MILLIS), "an expired transport answers nothing");
    }

    @Test
    void iceRestartKeepsOldCredentialsUntilACheckUsesTheNewOnes() throws Exception {
        IceParameters old = transport.localIce();
        String oldUsername = username();
        assertNotNull(client.exchange(client.check(oldUsername, old.password(), true)));

        IceParameters fresh = transport.restartIce();
        assertNotEquals(old.ufrag(), fresh.ufrag());
        assertEquals(fresh, transport.localIce());
        IceParameters newClient = new IceParameters("clientUfrag2", "clientPasswordOf24Chars22");
        transport.setRemote(newClient, CLIENT_FINGERPRINT);

        StunMessage stillOld = client.exchange(client.check(oldUsername, old.password(), true));
        assertNotNull(stillOld, "old credentials keep working during the restart");
        assertTrue(stillOld.isBindingSuccessResponse());

        StunMessage viaNew = client.exchange(client.check(fresh.ufrag() + ":" + newClient.ufrag(), fresh.password(), true));
        assertNotNull(viaNew);
        assertTrue(viaNew.verifyMessageIntegrity(fresh.password().getBytes(StandardCharsets.UTF_8)));

        client.send(client.check(oldUsername, old.password(), true));
        assertNull(client.receive(StunClient.SILENCE_MILLIS), "the old generation is retired");
    }

    @Test
    void closingFreesRoutingAndTellsTheListener() throws Exception {
        assertNotNull(client.exchange(client.check(username(), password(), true)));
        transport.close();

        assertTrue(events.closed.await(2, TimeUnit.SECONDS));
        assertEquals("local-close", events.closeReason);
        assertEquals(0, relay.transportCount());
        assertFalse(transport.isConnected());
        client.send(client.check(username(), password(), true));
        assertNull(client.receive(StunClient.SILENCE_MILLIS));
    }

    @Test
    void nioPortReceivingIntoHeapBuffersAnswersChecksToo() throws Exception {
        try (UdpMediaServer nio = UdpMediaServer.start(UdpMediaServerConfig.loopback(), DtlsCertificate.generate(),
                NativeTransport.nio());
                StunClient nioClient = new StunClient(nio.localAddress())) {
            nio.onPipelineException(pipelineFailures::add);
            MediaTransport other = nio.create(new RecordingListener());
            other.setRemote(CLIENT, CLIENT_FINGERPRINT);
            String user = other.localIce().ufrag() + ":" + CLIENT.ufrag();

            StunMessage answer = nioClient.exchange(nioClient.check(user, other.localIce().password(), true));

            assertNotNull(answer);
            assertTrue(answer.verifyMessageIntegrity(other.localIce().password().getBytes(StandardCharsets.UTF_8)));
            assertEquals(nioClient.localAddress(), answer.xorMappedAddress());
        }
    }

    @Test
    void malformedRemoteFingerprintIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> transport.setRemote(CLIENT, "sha-256 not-hex"));
    }

    @Test
    void sendBeforeConnectionIsRefused() throws Exception {
        byte[] rtp = new byte[12 + MediaTransport.SEND_HEADROOM];
        rtp[0] = (byte) 0x80;
        assertFalse(onLoop(() -> transport.sendRtp(rtp, 0, 12)));
        assertThrows(IllegalStateException.class, () -> transport.sendRtp(rtp, 0, 12), "sends are loop-only");
    }

    /** Whether {@code remote} has a validated pair, on whichever of the relay's sockets. */
    private static boolean validated(RelayTransport transport, java.net.InetSocketAddress remote) {
        return transport.agent().pairs().stream().anyMatch(pair -> pair.remote().equals(remote));
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> query) {
        return relay.callOnLoop(query);
    }

    private void awaitOnLoop(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!onLoop(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached on the packet loop");
            }
            Thread.sleep(10);
        }
    }

}
