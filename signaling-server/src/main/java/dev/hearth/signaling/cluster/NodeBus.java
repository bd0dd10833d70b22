package dev.hearth.signaling.cluster;

import dev.hearth.signaling.error.HearthException;
import dev.hearth.signaling.identity.RandomIds;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages from one node to another through Redis: each node reads its own inbox, a Redis stream
 * ({@code hearth:inbox:<node id>}), so a message waits there while its reader is briefly disconnected, arrives in
 * the order it was sent, and goes to exactly the node it is for (the owner of a room, or the node holding a
 * participant's socket). docs/architecture.md, "Cluster mode", says why a stream and not pub/sub.
 *
 * <p>Every message is signed ({@link NodeMessageMac}) over its sender, time, nonce, channel (the inbox it is
 * addressed to) and payload. The reader drops, counts and never hands on a message that is malformed, has a
 * bad MAC, is older than {@link #FRESHNESS} (or as far in the future) or repeats a nonce it has seen.
 */
public final class NodeBus implements AutoCloseable {

    /** Why a message was dropped; the counts are for the operator (metrics), never the messages. */
    public enum Drop { MALFORMED, BAD_MAC, TOO_OLD, REPLAYED, REPLAY_WINDOW_FULL, LISTENER_FAILED }

    /** Gets each authentic message, one at a time and in order, on the bus's reading thread. */
    @FunctionalInterface
    public interface Listener {
        void onMessage(NodeId from, String payload);
    }

    /** Older messages are not acted on: whatever they asked for has been overtaken (and they may be replays). */
    public static final Duration FRESHNESS = Duration.ofSeconds(30);
    /** An inbox nobody writes to for this long disappears (its node is gone); each send renews it. */
    public static final Duration INBOX_TTL = Duration.ofMinutes(2);
    static final String INBOX_PREFIX = "hearth:inbox:";
    /** At most this many entries wait in an inbox (XADD MAXLEN ~): a stuck reader cannot fill Redis. */
    static final int INBOX_MAX_ENTRIES = 10_000;
    private static final int REPLAY_CAPACITY = 200_000;
    private static final Duration BLOCK = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofMillis(250);

    /** KEYS: inbox. ARGV: max entries, ttl ms, then the fields. Append and renew in one step. */
    private static final String APPEND = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                'from', ARGV[3], 'ts', ARGV[4], 'nonce', ARGV[5], 'body', ARGV[6], 'mac', ARGV[7])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return id
            """;

    private static final Logger log = LoggerFactory.getLogger(NodeBus.class);

    private final RedisConnection redis;
    private final NodeId self;
    private final NodeMessageMac mac;
    private final Clock clock;
    private final LuaScript append;
    private final ReplayWindow replays = new ReplayWindow(FRESHNESS, REPLAY_CAPACITY);
    private final Map<Drop, AtomicLong> dropped = new EnumMap<>(Drop.class);
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean running;
    private Thread reader;

    public NodeBus(RedisConnection redis, NodeId self, byte[] nodeSecret, Clock clock) {
        this.redis = redis;
        this.self = self;
        this.mac = new NodeMessageMac(nodeSecret);
        this.clock = clock;
        this.append = new LuaScript(redis, APPEND, ScriptOutputType.VALUE);
        for (Drop reason : Drop.values()) {
            dropped.put(reason, new AtomicLong());
        }
    }

    public NodeId self() {
        return self;
    }

    /** Sends {@code payload} to node {@code to}; {@code unavailable} when Redis cannot be reached. */
    public void send(NodeId to, String payload) {
        String channel = inbox(to);
        long now = clock.millis();
        String nonce = RandomIds.base64Url(16);
        String signature = mac.sign(self.value(), now, nonce, channel, payload);
        append.run(new String[] {channel}, Integer.toString(INBOX_MAX_ENTRIES), Long.toString(INBOX_TTL.toMillis()),
                self.value(), Long.toString(now), nonce, payload, signature);
    }

    /** Starts reading this node's inbox; the listener gets every authentic message from then on. */
    public synchronized void listen(Listener listener) {
        if (reader != null) {
            throw new IllegalStateException("the bus already has its listener");
        }
        running = true;
        reader = new Thread(() -> read(listener), "hearth-node-bus");
        reader.setDaemon(true);
        reader.start();
    }

    public long dropped(Drop reason) {
        return dropped.get(reason).get();
    }

    public long delivered() {
        return delivered.get();
    }

    static String inbox(NodeId node) {
        return INBOX_PREFIX + node.value();
    }

    private void read(Listener listener) {
        String inbox = inbox(self);
        // A node id is new at every start, so its inbox holds nothing older than this process.
        String lastId = "0-0";
        StatefulRedisConnection<String, String> connection = null;
        while (running) {
            try {
                if (connection == null) {
                    connection = redis.dedicated();
                }
                String from = lastId;
                List<StreamMessage<String, String>> batch = redis.call(connection, commands -> commands.xread(
                        XReadArgs.Builder.block(BLOCK).count(100), XReadArgs.StreamOffset.from(inbox, from)));
                if (batch == null || batch.isEmpty()) {
                    continue;
                }
                String[] ids = new String[batch.size()];
                for (int i = 0; i < batch.size(); i++) {
                    StreamMessage<String, String> message = batch.get(i);
                    ids[i] = message.getId();
                    lastId = message.getId();
                    handle(inbox, message.getBody(), listener);
                }
                // Read means done: nothing of a session lingers in Redis longer than it has to.
                redis.call(commands -> commands.xdel(inbox, ids));
            } catch (HearthException unavailable) {
                pause();
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("event=node_bus_read_failed {}", e.getClass().getSimpleName());
                pause();
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    private void handle(String channel, Map<String, String> fields, Listener listener) {
        String from = fields.get("from");
        String ts = fields.get("ts");
        String nonce = fields.get("nonce");
        String body = fields.get("body");
        String signature = fields.get("mac");
        if (from == null || ts == null || nonce == null || body == null || signature == null) {
            drop(Drop.MALFORMED);
            return;
        }
        long timestamp;
        NodeId sender;
        try {
            timestamp = Long.parseLong(ts);
            sender = new NodeId(from);
        } catch (IllegalArgumentException e) {
            drop(Drop.MALFORMED);
            return;
        }
        // The MAC first: until it holds, nothing in the message (not even its nonce) is believed.
        if (!mac.verify(from, timestamp, nonce, channel, body, signature)) {
            drop(Drop.BAD_MAC);
            return;
        }
        switch (replays.admit(nonce, timestamp, clock.millis())) {
            case TOO_OLD -> drop(Drop.TOO_OLD);
            case REPLAYED -> drop(Drop.REPLAYED);
            case FULL -> drop(Drop.REPLAY_WINDOW_FULL);
            case FRESH -> {
                try {
                    listener.onMessage(sender, body);
                    delivered.incrementAndGet();
                } catch (RuntimeException e) {
                    drop(Drop.LISTENER_FAILED);
                    log.warn("event=node_message_failed {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    private void drop(Drop reason) {
        long count = dropped.get(reason).incrementAndGet();
        // Names the reason, never the message: a payload can hold a first name.
        log.warn("event=node_message_dropped reason={} count={}", reason, count);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = reader;
        }
        if (stopping != null) {
            try {
                // The blocking read returns within BLOCK; then the loop sees running is false.
                stopping.join(BLOCK.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
