package dev.hearth.signaling.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;

/**
 * A Lua script run with EVALSHA by its SHA-1 digest, loaded (SCRIPT LOAD) the first time Redis does not know it
 * and again whenever Redis has forgotten it (a restart or SCRIPT FLUSH empties its script cache), so only the
 * 40-character digest travels with each call.
 */
final class LuaScript {

    private final RedisConnection redis;
    private final String source;
    private final ScriptOutputType output;
    private final String sha;

    LuaScript(RedisConnection redis, String source, ScriptOutputType output) {
        this.redis = redis;
        this.source = source;
        this.output = output;
        this.sha = sha1(source);
    }

    <T> T run(String[] keys, String... args) {
        try {
            return redis.call(commands -> commands.evalsha(sha, output, keys, args));
        } catch (RedisNoScriptException e) {
            redis.call(commands -> commands.scriptLoad(source));
            return redis.call(commands -> commands.evalsha(sha, output, keys, args));
        }
    }

    private static String sha1(String source) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
