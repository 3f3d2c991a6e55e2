package com.flashsale.infrastructure.redis;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * Where Redis is, parsed from {@code flashsale.redis.url}: one server
 * ({@code redis://[user:password@]host:port[/db]}, {@code rediss://} for TLS) or a Redis Cluster
 * ({@code redis-cluster://[user:password@]host1:port1,host2:port2,...}, {@code rediss-cluster://}
 * for TLS), whose listed nodes are only seeds: the client discovers the others and the slot map.
 * {@link java.net.URI} cannot parse a comma-separated authority, hence this small parser.
 */
record RedisLocation(boolean cluster, boolean tls, Set<HostAndPort> nodes, Optional<String> user,
                     Optional<String> password, int database) {

    private static final int DEFAULT_PORT = 6379;

    static RedisLocation parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(url, "no scheme");
        }
        String scheme = url.substring(0, schemeEnd);
        boolean cluster = scheme.endsWith("-cluster");
        String base = cluster ? scheme.substring(0, scheme.length() - "-cluster".length()) : scheme;
        if (!base.equals("redis") && !base.equals("rediss")) {
            throw invalid(url, "scheme must be redis, rediss, redis-cluster or rediss-cluster");
        }
        String rest = url.substring(schemeEnd + 3);
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at);
        rest = rest.substring(at + 1);
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int database = path.isEmpty() ? 0 : Integer.parseInt(path);
        if (cluster && database != 0) {
            throw invalid(url, "a Redis Cluster has only database 0");
        }
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        Arrays.stream(hosts.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .forEach(h -> nodes.add(hostAndPort(url, h)));
        if (nodes.isEmpty() || (!cluster && nodes.size() > 1)) {
            throw invalid(url, cluster ? "no node" : "one host:port (several need redis-cluster://)");
        }
        int colon = userInfo.indexOf(':');
        Optional<String> user = colon > 0 ? Optional.of(userInfo.substring(0, colon)) : Optional.empty();
        Optional<String> password = userInfo.isEmpty() ? Optional.empty()
                : Optional.of(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        return new RedisLocation(cluster, base.equals("rediss"), Set.copyOf(nodes), user, password, database);
    }

    /** The single server's address (standalone only). */
    HostAndPort node() {
        return nodes.iterator().next();
    }

    private static HostAndPort hostAndPort(String url, String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new HostAndPort(text, DEFAULT_PORT);
        }
        try {
            return new HostAndPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw invalid(url, "bad port in " + text);
        }
    }

    private static IllegalArgumentException invalid(String url, String why) {
        String shown = url.replaceAll("//[^@/]*@", "//***@");
        return new IllegalArgumentException("flashsale.redis.url " + shown + ": " + why);
    }
}
