package dev.hearth.relay.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.relay.RelayListener;
import dev.hearth.relay.sfu.InProcessRelayControl;
import dev.hearth.relay.transport.LoopCounters;
import dev.hearth.relay.transport.NettyLeakCheck;
import dev.hearth.relay.transport.UdpMediaServer;
import dev.hearth.relay.transport.UdpMediaServerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A relay with two packet loops and two rooms of two real libwebrtc members each: the rooms land on different loops,
 * both loops carry media, and every member decodes the other's video end to end.
 */
@ExtendWith(NettyLeakCheck.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EveryCoreCallTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Queue<Throwable> pipelineFailures = new ConcurrentLinkedQueue<>();
    private final List<LoopbackCallPeer> peers = new ArrayList<>();
    private UdpMediaServer relay;
    private InProcessRelayControl control;

    @AfterEach
    void hangUp() throws Exception {
        try {
            for (LoopbackCallPeer peer : peers) {
                peer.close();
            }
        } finally {
            if (control != null) {
                control.close();
            }
            if (relay != null) {
                relay.close();
            }
        }
        assertTrue(pipelineFailures.isEmpty(), () -> "exceptions escaped the pipeline: " + pipelineFailures);
    }

    @Test
    void twoRoomsOnTwoLoopsBothCarryMedia() throws Exception {
        relay = UdpMediaServer.start(UdpMediaServerConfig.loopback().withThreads(2));
        relay.onPipelineException(pipelineFailures::add);
        control = new InProcessRelayControl(relay);
        control.setListener(RelayListener.NONE);
        for (String room : List.of("room-a", "room-b")) {
            LoopbackCallPeer first = join(room, room + "-first");
            LoopbackCallPeer second = join(room, room + "-second");
            // Both published before either subscribes, so each offer already covers the other.
            subscribe(room, room + "-first", first);
            subscribe(room, room + "-second", second);
        }
        assertArrayEquals(new int[] {1, 1}, control.roomsPerLoop(), "each loop took one room");

        for (LoopbackCallPeer peer : peers) {
            awaitRising(peer);
        }
        long[] forwarded = control.perLoopForwarded();
        assertEquals(2, forwarded.length);
        assertTrue(forwarded[0] > 100 && forwarded[1] > 100, "both loops forwarded: " + forwarded[0] + ", "
                + forwarded[1]);
        List<LoopCounters> loops = relay.loopCounters();
        assertTrue(loops.get(0).routed() > 100 && loops.get(1).routed() > 100, "both loops received: " + loops);
        assertTrue(loops.get(0).sent() > 100 && loops.get(1).sent() > 100, "both loops sent: " + loops);
        System.out.printf("every core: forwarded per loop %d / %d, loops %s%n", forwarded[0], forwarded[1], loops);
    }

    private LoopbackCallPeer join(String room, String participant) throws Exception {
        LoopbackCallPeer peer = new LoopbackCallPeer(participant);
        peers.add(peer);
        peer.publishAnswer(control.publish(room, participant, peer.publishOffer()));
        return peer;
    }

    private void subscribe(String room, String participant, LoopbackCallPeer peer) throws Exception {
        control.subscribeAnswer(room, participant,
                peer.answerSubscribeOffer(control.subscribeOffer(room, participant, false)));
    }

    private static void awaitRising(LoopbackCallPeer peer) throws Exception {
        long first = peer.framesDecoded();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (peer.framesDecoded() <= first + 10) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for decoded video (frames " + peer.framesDecoded() + ")");
            }
            Thread.sleep(100);
        }
    }
}
