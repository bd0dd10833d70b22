package dev.hearth.signaling.cluster;

import dev.hearth.signaling.room.RoomId;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Optional;

/**
 * One owner node per room. A node holds a room while its lease key lives; it renews well inside the TTL, and if
 * it dies the key expires and another node may take the room. Every grant carries a fencing token from one
 * counter that only grows, so whatever a room writes elsewhere (its store) can refuse a stale owner that has
 * not yet noticed it lost the lease.
 *
 * <p>Taking, renewing and releasing are Lua scripts: the check and the change happen in one step in Redis, so
 * a node whose lease ran out can never renew or delete the lease another node took meanwhile.
 */
public final class RoomLease {

    /** A granted lease: the room, its owner and the fencing token of this grant. */
    public record Lease(RoomId room, NodeId owner, long fencingToken) {

        /** The lease key's value: it names the grant, not only the node, so an earlier grant cannot match. */
        String holder() {
            return owner.value() + " " + fencingToken;
        }
    }

    static final String LEASE_PREFIX = "hearth:lease:";
    static final String FENCE_KEY = "hearth:lease-fence";

    /** KEYS: lease, fence. ARGV: node id, ttl ms. The token is counted only for a lease actually granted. */
    private static final String ACQUIRE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return false end
            local token = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. token, 'NX', 'PX', ARGV[2])
            return token
            """;
    /** Compare and pexpire. KEYS: lease. ARGV: holder, ttl ms. */
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;
    /** Compare and delete. KEYS: lease. ARGV: holder. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final RedisConnection redis;
    private final NodeId self;
    private final Duration ttl;
    private final LuaScript acquire;
    private final LuaScript renew;
    private final LuaScript release;

    public RoomLease(RedisConnection redis, NodeId self, Duration ttl) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("a lease lasts at least a millisecond");
        }
        this.redis = redis;
        this.self = self;
        this.ttl = ttl;
        this.acquire = new LuaScript(redis, ACQUIRE, ScriptOutputType.INTEGER);
        this.renew = new LuaScript(redis, RENEW, ScriptOutputType.INTEGER);
        this.release = new LuaScript(redis, RELEASE, ScriptOutputType.INTEGER);
    }

    public Duration ttl() {
        return ttl;
    }

    /** The lease when this node now owns {@code room}; empty while any node (this one too) holds it. */
    public Optional<Lease> tryAcquire(RoomId room) {
        Long token = acquire.run(new String[] {key(room), FENCE_KEY}, self.value(), Long.toString(ttl.toMillis()));
        return token == null ? Optional.empty() : Optional.of(new Lease(room, self, token));
    }

    /** Extends the lease by a full TTL; false when it is no longer this grant's (expired, or taken over). */
    public boolean renew(Lease lease) {
        Long renewed = renew.run(new String[] {key(lease.room())}, lease.holder(), Long.toString(ttl.toMillis()));
        return renewed != null && renewed == 1;
    }

    /** Gives the room up at once (it ended, or this node stops); false when the lease was no longer ours. */
    public boolean release(Lease lease) {
        Long deleted = release.run(new String[] {key(lease.room())}, lease.holder());
        return deleted != null && deleted == 1;
    }

    /** The node that owns {@code room} now, if any: where its commands are to be forwarded. */
    public Optional<NodeId> ownerOf(RoomId room) {
        String holder = redis.call(commands -> commands.get(key(room)));
        return holder == null ? Optional.empty() : Optional.of(new NodeId(holder.substring(0, holder.indexOf(' '))));
    }

    static String key(RoomId room) {
        return LEASE_PREFIX + room.value();
    }
}
