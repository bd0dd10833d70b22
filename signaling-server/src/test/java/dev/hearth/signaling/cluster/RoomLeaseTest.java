package dev.hearth.signaling.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.signaling.cluster.RoomLease.Lease;
import dev.hearth.signaling.room.RoomId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two "nodes" (two connections, two node ids) against a real redis-server. */
class RoomLeaseTest {

    private static final Duration SHORT_TTL = Duration.ofMillis(400);

    private static RedisConnection redisA;
    private static RedisConnection redisB;

    @BeforeAll
    static void connect() {
        redisA = open();
        redisB = open();
    }

    @AfterAll
    static void disconnect() {
        redisA.close();
        redisB.close();
    }

    private static RedisConnection open() {
        return RedisConnection.open(TestRedis.shared(), new ClusterHealth(Clock.systemUTC()), Duration.ofSeconds(2),
                Duration.ofSeconds(1));
    }

    @Test
    void twoNodesCompeteForARoomAndOnlyOneWins() throws Exception {
        RoomId room = RoomId.random();
        NodeId a = NodeId.random();
        NodeId b = NodeId.random();
        RoomLease leaseA = new RoomLease(redisA, a, Duration.ofSeconds(10));
        RoomLease leaseB = new RoomLease(redisB, b, Duration.ofSeconds(10));
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                RoomId contested = round == 0 ? room : RoomId.random();
                CountDownLatch go = new CountDownLatch(1);
                Future<Optional<Lease>> byA = both.submit(() -> {
                    go.await();
                    return leaseA.tryAcquire(contested);
                });
                Future<Optional<Lease>> byB = both.submit(() -> {
                    go.await();
                    return leaseB.tryAcquire(contested);
                });
                go.countDown();
                Optional<Lease> wonA = byA.get();
                Optional<Lease> wonB = byB.get();
                assertTrue(wonA.isPresent() ^ wonB.isPresent(), "exactly one node owns the room");
                NodeId winner = wonA.isPresent() ? a : b;
                assertEquals(Optional.of(winner), leaseA.ownerOf(contested));
                assertEquals(Optional.of(winner), leaseB.ownerOf(contested));
                assertFalse(leaseA.tryAcquire(contested).isPresent(), "a held room cannot be taken, not even by its owner");
                assertFalse(leaseB.tryAcquire(contested).isPresent());
            }
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void renewingKeepsTheRoomPastItsTtl() throws InterruptedException {
        RoomId room = RoomId.random();
        RoomLease leaseA = new RoomLease(redisA, NodeId.random(), SHORT_TTL);
        RoomLease leaseB = new RoomLease(redisB, NodeId.random(), SHORT_TTL);
        Lease held = leaseA.tryAcquire(room).orElseThrow();
        Instant until = Instant.now().plus(SHORT_TTL.multipliedBy(4));
        while (Instant.now().isBefore(until)) {
            assertTrue(leaseA.renew(held));
            assertTrue(leaseB.tryAcquire(room).isEmpty(), "a renewed lease is still the owner's");
            Thread.sleep(SHORT_TTL.toMillis() / 4); // paces the renewals, as a real owner does
        }
        assertEquals(Optional.of(held.owner()), leaseB.ownerOf(room));
    }

    @Test
    void theRoomGoesToTheOtherNodeOnceTheOwnerStopsRenewing() {
        RoomId room = RoomId.random();
        RoomLease leaseA = new RoomLease(redisA, NodeId.random(), SHORT_TTL);
        RoomLease leaseB = new RoomLease(redisB, NodeId.random(), SHORT_TTL);
        Lease stale = leaseA.tryAcquire(room).orElseThrow();
        AtomicReference<Lease> taken = new AtomicReference<>();
        // Node A "dies": it stops renewing. B keeps trying, as a node does for a room whose owner is gone.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> leaseB.tryAcquire(room).map(lease -> {
                    taken.set(lease);
                    return true;
                }).orElse(false));
        Lease current = taken.get();
        assertTrue(current.fencingToken() > stale.fencingToken(), "the new grant fences the old one off");
        assertFalse(leaseA.renew(stale), "the stale owner cannot renew the lease B took");
        assertFalse(leaseA.release(stale), "nor delete it");
        assertEquals(Optional.of(current.owner()), leaseA.ownerOf(room));
        assertTrue(leaseB.renew(current));
    }

    @Test
    void aStaleGrantOfTheSameNodeDoesNotMatchItsNewerOne() {
        RoomId room = RoomId.random();
        RoomLease lease = new RoomLease(redisA, NodeId.random(), Duration.ofSeconds(10));
        Lease first = lease.tryAcquire(room).orElseThrow();
        assertTrue(lease.release(first));
        Lease second = lease.tryAcquire(room).orElseThrow();
        assertFalse(lease.renew(first));
        assertFalse(lease.release(first));
        assertTrue(lease.renew(second));
    }

    @Test
    void releasingHandsTheRoomOverAtOnce() {
        RoomId room = RoomId.random();
        RoomLease leaseA = new RoomLease(redisA, NodeId.random(), Duration.ofSeconds(30));
        RoomLease leaseB = new RoomLease(redisB, NodeId.random(), Duration.ofSeconds(30));
        Lease held = leaseA.tryAcquire(room).orElseThrow();
        assertTrue(leaseA.release(held));
        assertTrue(leaseA.ownerOf(room).isEmpty());
        assertTrue(leaseB.tryAcquire(room).isPresent());
    }

    @Test
    void fencingTokensStrictlyIncreaseAcrossGrantsAndNodes() {
        RoomId room = RoomId.random();
        RoomLease leaseA = new RoomLease(redisA, NodeId.random(), Duration.ofSeconds(30));
        RoomLease leaseB = new RoomLease(redisB, NodeId.random(), Duration.ofSeconds(30));
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RoomLease node = i % 2 == 0 ? leaseA : leaseB;
            Lease lease = node.tryAcquire(room).orElseThrow();
            tokens.add(lease.fencingToken());
            assertFalse((i % 2 == 0 ? leaseB : leaseA).tryAcquire(room).isPresent(), "a refused try counts no token");
            assertTrue(node.release(lease));
        }
        for (int i = 1; i < tokens.size(); i++) {
            assertTrue(tokens.get(i) > tokens.get(i - 1), "tokens " + tokens);
        }
    }

    @Test
    void leasesSurviveRedisForgettingItsScripts() {
        RoomId room = RoomId.random();
        RoomLease lease = new RoomLease(redisA, NodeId.random(), Duration.ofSeconds(10));
        Lease held = lease.tryAcquire(room).orElseThrow();
        try (TestRedis own = TestRedis.start()) {
            // A fresh server (as after a restart) has an empty script cache: EVALSHA must load and retry.
            RedisConnection fresh = RedisConnection.open(own.endpoint(), new ClusterHealth(Clock.systemUTC()),
                    Duration.ofSeconds(2), Duration.ofSeconds(1));
            try {
                RoomLease onFresh = new RoomLease(fresh, NodeId.random(), Duration.ofSeconds(10));
                Lease there = onFresh.tryAcquire(room).orElseThrow();
                assertTrue(onFresh.renew(there));
                assertTrue(onFresh.release(there));
            } finally {
                fresh.close();
            }
        }
        assertTrue(lease.release(held));
    }
}
