package dev.hearth.relay.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.RelayListener;
import dev.hearth.relay.sdp.IceCredentials;
import dev.hearth.relay.sdp.MediaDescription;
import dev.hearth.relay.sdp.RtpCodec;
import dev.hearth.relay.sdp.SdpParser;
import dev.hearth.relay.sdp.SessionDescription;
import dev.hearth.relay.sdp.SsrcDescription;
import dev.hearth.relay.sfu.ForwardingCounter;
import dev.hearth.relay.sfu.InProcessRelayControl;
import dev.hearth.relay.transport.DropReason;
import dev.hearth.relay.transport.NettyLeakCheck;
import dev.hearth.relay.transport.PacketFuzzer;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.relay.transport.UdpMediaServerConfig;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 3, item 8: thirty seconds of hostile datagrams at the relay's one port while a real call runs through
 * it. Two libwebrtc peers publish and subscribe through {@link InProcessRelayControl}; meanwhile the
 * {@link PacketFuzzer} sends random and mutated STUN, DTLS, RTP and RTCP (some from an address that passed an
 * ICE check, so garbage reaches DTLS and SRTP), and {@link ForgedMedia} sends valid-looking media, checks and
 * handshakes from addresses that never passed ICE. No exception may escape the pipeline, no buffer may leak
 * (PARANOID leak detection), and the call must still be flowing at the end.
 */
@ExtendWith(NettyLeakCheck.class)
class RelayRobustnessTest {

    private static final String ROOM = "robustness";
    private static final Duration HOSTILE_FOR = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final SecureRandom random = new SecureRandom();
    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private UdpMediaServer relay;
    private InProcessRelayControl control;
    private LoopbackCallPeer alice;
    private LoopbackCallPeer bob;
    private String aliceOffer;
    private String aliceAnswer;

    @BeforeEach
    void call() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback());
        relay.onPipelineException(pipelineFailures::add);
        control = new InProcessRelayControl(relay);
        // Both peers subscribe after both published, so each offer already covers everything.
        control.setListener(RelayListener.NONE);
        alice = new LoopbackCallPeer("alice");
        bob = new LoopbackCallPeer("bob");

        aliceOffer = alice.publishOffer();
        aliceAnswer = control.publish(ROOM, "alice", aliceOffer);
        alice.publishAnswer(aliceAnswer);
        bob.publishAnswer(control.publish(ROOM, "bob", bob.publishOffer()));
        for (String id : List.of("alice", "bob")) {
            LoopbackCallPeer peer = id.equals("alice") ? alice : bob;
            control.subscribeAnswer(ROOM, id, peer.answerSubscribeOffer(control.subscribeOffer(ROOM, id, false)));
        }
        awaitRising(alice, "alice decodes bob's video before the attack");
        awaitRising(bob, "bob decodes alice's video before the attack");
    }

    @AfterEach
    void hangUp() throws Exception {
        try {
            if (alice != null) {
                alice.close();
            }
            if (bob != null) {
                bob.close();
            }
        } finally {
            if (control != null) {
                control.close();
            }
            if (relay != null) {
                relay.close();
            }
        }
    }

    @Test
    void thirtySecondsOfHostileDatagramsLeaveTheCallFlowing() throws Exception {
        long seed = random.nextLong();
        SessionDescription offer = SdpParser.parse(aliceOffer);
        SessionDescription answer = SdpParser.parse(aliceAnswer);
        IceCredentials clientIce = offer.iceCredentials(offer.media().get(0)).orElseThrow();
        IceCredentials relayIce = answer.iceCredentials(answer.media().get(0)).orElseThrow();
        String username = relayIce.ufrag() + ":" + clientIce.ufrag();
        List<Long> ssrcs = new ArrayList<>();
        List<Integer> payloadTypes = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            m.ssrcs().stream().map(SsrcDescription::ssrc).forEach(ssrcs::add);
            m.codecs().stream().map(RtpCodec::payloadType).forEach(payloadTypes::add);
        }
        long forwardedBefore = control.counter(ForwardingCounter.RTP_FORWARDED);

        long fuzzed;
        long forged;
        try (PacketFuzzer fuzzer = new PacketFuzzer(relay.localAddress(), seed);
             ForgedMedia forger = new ForgedMedia(relay.localAddress(), seed, ssrcs, payloadTypes, username)) {
            fuzzer.verifyWith(username, relayIce.pwd());
            CompletableFuture<Long> forging = CompletableFuture.supplyAsync(() -> {
                try {
                    return forger.run(HOSTILE_FOR);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            fuzzed = fuzzer.run(HOSTILE_FOR);
            forged = forging.get(HOSTILE_FOR.toSeconds() + 10, TimeUnit.SECONDS);
        }
        System.out.printf("robustness: seed=%d fuzzed=%d forged=%d port drops=%s forwarded=%d%n", seed, fuzzed,
                forged, relay.portCounters().droppedByReason(),
                control.counter(ForwardingCounter.RTP_FORWARDED) - forwardedBefore);

        assertTrue(fuzzed > 10_000 && forged > 10_000, "the attack was sent (seed " + seed + ")");
        assertTrue(relay.portCounters().droppedCount(DropReason.UNVERIFIED_SOURCE) > 0,
                "strangers' media was dropped at the door");
        assertEquals(0, relay.pipelineExceptions(), () -> "exceptions escaped (seed " + seed + "): "
                + pipelineFailures);
        assertEquals(4, relay.transportCount(), "every transport of the call survived (seed " + seed + ")");
        awaitRising(alice, "alice still decodes bob's video after the attack (seed " + seed + ")");
        awaitRising(bob, "bob still decodes alice's video after the attack (seed " + seed + ")");
    }

    private static void awaitRising(LoopbackCallPeer peer, String what) throws Exception {
        long first = peer.framesDecoded();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (peer.framesDecoded() <= first + 10) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what + " (frames decoded " + peer.framesDecoded() + ")");
            }
            Thread.sleep(100);
        }
    }
}
