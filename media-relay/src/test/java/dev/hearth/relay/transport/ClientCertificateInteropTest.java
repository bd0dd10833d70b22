package dev.hearth.relay.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.dtls.ClientIdentity;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RSA and ECDSA client certificates times the GCM and AES_CM_128_HMAC_SHA1_80 SRTP profiles, end to end over
 * the relay's UDP port: ICE check, DTLS handshake (the RSA client signs RSA-PSS, as Chromium does), then SRTP
 * from the client decrypted by the relay and SRTP from the relay decrypted by the client.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientCertificateInteropTest {

    private static final int GCM = 0x0007;
    private static final int CM_HMAC_SHA1_80 = 0x0001;
    private static final int PACKETS = 20;

    private static ClientIdentity ecdsa;
    private static ClientIdentity rsa;
    private static UdpMediaServer relay;
    private static final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() {
        ecdsa = ClientIdentity.ecdsa();
        rsa = ClientIdentity.rsa();
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback());
        relay.onPipelineException(pipelineFailures::add);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    @AfterEach
    void noPipelineFailures() {
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    static Stream<Arguments> identitiesAndProfiles() {
        return Stream.of(ecdsa, rsa)
                .flatMap(identity -> Stream.of(Arguments.of(identity, GCM), Arguments.of(identity, CM_HMAC_SHA1_80)));
    }

    @ParameterizedTest(name = "{0} with SRTP profile {1}")
    @MethodSource("identitiesAndProfiles")
    void handshakesAndExchangesSrtpBothWays(ClientIdentity identity, int profile) throws Exception {
        RecordingListener events = new RecordingListener();
        MediaTransport transport = relay.create(events);
        try (UdpSrtpPeer peer = new UdpSrtpPeer(relay.localAddress(), identity)) {
            transport.setRemote(peer.ice(), peer.fingerprint());
            assertTrue(peer.check(transport.localIce(), true, 0x6E7F00FFL), "ICE check answered");

            assertEquals(profile, peer.handshake(relay.certificate().fingerprint(), profile));
            assertTrue(events.connected.await(5, TimeUnit.SECONDS), "relay transport connected, closed with "
                    + events.closeReason);

            int ssrc = 0x1234_5678;
            for (int i = 0; i < PACKETS; i++) {
                peer.sendRtp(ssrc);
            }
            TransportInteropTest.awaitTrue(() -> events.packetsOf(ssrc) == PACKETS, 5_000,
                    () -> "relay decrypted the client's SRTP, saw " + events.packetsOf(ssrc));

            for (int i = 0; i < PACKETS; i++) {
                byte[] plain = UdpSrtpPeer.rtp(i, 0x4845_4152, MediaTransport.SEND_HEADROOM);
                relay.packetLoop().execute(() -> transport.sendRtp(plain, 0, plain.length - MediaTransport.SEND_HEADROOM));
            }
            TransportInteropTest.awaitTrue(() -> peer.rtpReceived() == PACKETS, 5_000,
                    () -> "client decrypted the relay's SRTP, saw " + peer.rtpReceived() + " rejected "
                            + peer.rtpRejected());
        } finally {
            transport.close();
        }
    }
}
