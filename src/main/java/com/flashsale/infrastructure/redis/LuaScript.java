package com.flashsale.infrastructure.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script from {@code src/main/resources/redis}, run by EVALSHA. Its SHA is computed once;
 * a server that does not know the script (restart, SCRIPT FLUSH, new cluster node) answers
 * NOSCRIPT, and the script is loaded on the node owning the first key and run again.
 */
final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    static LuaScript load(String name) {
        return new LuaScript(name, source(name));
    }

    /** A script that uses the local functions of {@code library} (its source is put in front). */
    static LuaScript load(String library, String name) {
        return new LuaScript(name, source(library) + source(name));
    }

    /** A script that uses the local functions of two libraries. */
    static LuaScript load(String library, String otherLibrary, String name) {
        return new LuaScript(name, source(library) + source(otherLibrary) + source(name));
    }

    private static String source(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream("/redis/" + name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("Missing Lua script redis/" + name + ".lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            redis.scriptLoad(source, keys.get(0));
            return redis.evalsha(sha, keys, args);
        }
    }

    String name() {
        return name;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
