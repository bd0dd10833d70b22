package dev.hearth.signaling.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Node-to-node messages through a real redis-server, and what an intruder with Redis access cannot do. */
class NodeBusTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static RedisConnection redis;

    @BeforeAll
    static void connect() {
        redis = RedisConnection.open(TestRedis.shared(), new ClusterHealth(Clock.systemUTC()), Duration.ofSeconds(2),
                Duration.ofSeconds(1));
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    private record Received(NodeId from, String payload) {
    }

    private static NodeBus bus(NodeId node, byte[] secret, Clock clock) {
        return new NodeBus(redis, node, secret, clock);
    }

    @Test
    void aMessageFromNodeAReachesNodeBInOrderAndNoOneElse() {
        NodeId a = NodeId.random();
        NodeId b = NodeId.random();
        NodeId c = NodeId.random();
        List<Received> atB = new CopyOnWriteArrayList<>();
        List<Received> atC = new CopyOnWriteArrayList<>();
        try (NodeBus busA = bus(a, SECRET, Clock.systemUTC()); NodeBus busB = bus(b, SECRET, Clock.systemUTC());
             NodeBus busC = bus(c, SECRET, Clock.systemUTC())) {
            busB.listen((from, payload) -> atB.add(new Received(from, payload)));
            busC.listen((from, payload) -> atC.add(new Received(from, payload)));
            for (int i = 0; i < 50; i++) {
                busA.send(b, "{\"room\":\"r\",\"seq\":" + i + "}");
            }
            await().atMost(WAIT).until(() -> atB.size() == 50);
            for (int i = 0; i < 50; i++) {
                assertEquals(new Received(a, "{\"room\":\"r\",\"seq\":" + i + "}"), atB.get(i));
            }
            assertTrue(atC.isEmpty(), "a message goes to the node it is addressed to only");
            // Read means removed: nothing of it stays in Redis.
            await().atMost(WAIT).until(() -> redis.call(commands -> commands.xlen(NodeBus.inbox(b))) == 0);
        }
    }

    @Test
    void aMessageWaitsInTheInboxWhileItsNodeIsNotReading() {
        NodeId a = NodeId.random();
        NodeId b = NodeId.random();
        List<Received> atB = new CopyOnWriteArrayList<>();
        try (NodeBus busA = bus(a, SECRET, Clock.systemUTC()); NodeBus busB = bus(b, SECRET, Clock.systemUTC())) {
            busA.send(b, "sent before B reads");
            busB.listen((from, payload) -> atB.add(new Received(from, payload)));
            await().atMost(WAIT).until(() -> atB.size() == 1);
            assertEquals("sent before B reads", atB.get(0).payload());
        }
    }

    @Test
    void aForgedMessageWrittenStraightIntoRedisIsDroppedAndCounted() {
        NodeId a = NodeId.random();
        NodeId b = NodeId.random();
        List<Received> atB = new CopyOnWriteArrayList<>();
        try (NodeBus busB = bus(b, SECRET, Clock.systemUTC());
             NodeBus intruder = bus(a, "not the cluster's secret, just as long".getBytes(StandardCharsets.UTF_8),
                     Clock.systemUTC())) {
            busB.listen((from, payload) -> atB.add(new Received(from, payload)));
            String now = Long.toString(System.currentTimeMillis());
            // No MAC at all, as a plain XADD from redis-cli would be.
            redis.call(commands -> commands.xadd(NodeBus.inbox(b), Map.of("from", a.value(), "ts", now,
                    "nonce", "n1", "body", "{\"kick\":\"everyone\"}")));
            // A MAC, but a made-up one.
            redis.call(commands -> commands.xadd(NodeBus.inbox(b), Map.of("from", a.value(), "ts", now,
                    "nonce", "n2", "body", "{\"kick\":\"everyone\"}", "mac", "AAAA")));
            // Signed properly, but under another secret.
            intruder.send(b, "{\"kick\":\"everyone\"}");
            await().atMost(WAIT).until(() -> busB.dropped(NodeBus.Drop.MALFORMED) == 1
                    && busB.dropped(NodeBus.Drop.BAD_MAC) == 2);
            assertTrue(atB.isEmpty(), "never handed on: " + atB);
            assertEquals(0, busB.delivered());
        }
    }

    @Test
    void aReplayedMessageIsDroppedAndCounted() {
        NodeId a = NodeId.random();
        NodeId b = NodeId.random();
        List<Received> atB = new CopyOnWriteArrayList<>();
        try (NodeBus busA = bus(a, SECRET, Clock.systemUTC()); NodeBus busB = bus(b, SECRET, Clock.systemUTC())) {
            busA.send(b, "{\"admit\":\"p-1\"}");
            // The intruder copies the genuine entry before B reads it...
            StreamMessage<String, String> genuine = redis.call(commands -> commands.xrange(NodeBus.inbox(b),
                    Range.create("-", "+"))).get(0);
            busB.listen((from, payload) -> atB.add(new Received(from, payload)));
            await().atMost(WAIT).until(() -> atB.size() == 1);
            // ...and writes it again afterwards.
            redis.call(commands -> commands.xadd(NodeBus.inbox(b), genuine.getBody()));
            await().atMost(WAIT).until(() -> busB.dropped(NodeBus.Drop.REPLAYED) == 1);
            assertEquals(1, atB.size());
            assertEquals(1, busB.delivered());
        }
    }

    @Test
    void aMessageForAnotherNodeCopiedIntoThisInboxIsDropped() {
        NodeId a = NodeId.random();
        NodeId b = NodeId.random();
        NodeId c = NodeId.random();
        try (NodeBus busA = bus(a, SECRET, Clock.systemUTC()); NodeBus busB = bus(b, SECRET, Clock.systemUTC())) {
            busA.send(c, "{\"for\":\"c\"}");
            StreamMessage<String, String> forC = redis.call(commands -> commands.xrange(NodeBus.inbox(c),
                    Range.create("-", "+"))).get(0);
            busB.listen((from, payload) -> {
                throw new AssertionError("must not be handed on");
            });
            redis.call(commands -> commands.xadd(NodeBus.inbox(b), forC.getBody()));
            await().atMost(WAIT).until(() -> busB.dropped(NodeBus.Drop.BAD_MAC) == 1);
            redis.call(commands -> commands.del(NodeBus.inbox(c)));
        }
    }

    @Test
    void aMessageOlderThanTheFreshnessWindowIsDropped() {
        NodeId a = NodeId.random();
        NodeId b = NodeId.random();
        Clock late = Clock.offset(Clock.systemUTC(), NodeBus.FRESHNESS.plusSeconds(5).negated());
        List<Received> atB = new CopyOnWriteArrayList<>();
        try (NodeBus busA = bus(a, SECRET, late); NodeBus busB = bus(b, SECRET, Clock.systemUTC())) {
            busB.listen((from, payload) -> atB.add(new Received(from, payload)));
            busA.send(b, "{\"old\":true}");
            await().atMost(WAIT).until(() -> busB.dropped(NodeBus.Drop.TOO_OLD) == 1);
            assertTrue(atB.isEmpty());
        }
    }

    @Test
    void anInboxExpiresWhenNobodyWritesToIt() {
        NodeId a = NodeId.random();
        NodeId gone = NodeId.random();
        try (NodeBus busA = bus(a, SECRET, Clock.systemUTC())) {
            busA.send(gone, "{}");
            long ttl = redis.call(commands -> commands.pttl(NodeBus.inbox(gone)));
            assertTrue(ttl > 0 && ttl <= NodeBus.INBOX_TTL.toMillis(), "ttl " + ttl);
            redis.call(commands -> commands.del(NodeBus.inbox(gone)));
        }
    }
}
