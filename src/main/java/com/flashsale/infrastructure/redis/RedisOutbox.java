package com.flashsale.infrastructure.redis;

import static com.flashsale.infrastructure.redis.RedisCalls.call;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.purchase.Outbox;
import com.flashsale.purchase.Receipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The outbox as one Redis Stream per sale, read through the consumer group {@code persisters}.
 * Entries delivered to an instance that died are claimed by another once idle for
 * {@code flashsale.outbox.claim-idle-ms}; the same delay paces retries after a failed write.
 */
@ApplicationScoped
@StoreCall("redis")
public class RedisOutbox implements Outbox {

    static final String GROUP = "persisters";
    private static final StreamEntryID FROM_START = new StreamEntryID(0, 0);
    private static final LuaScript ACK = LuaScript.load("ack");

    private final UnifiedJedis redis;
    private final long claimIdleMillis;

    @Inject
    public RedisOutbox(UnifiedJedis redis,
                       @ConfigProperty(name = "flashsale.outbox.claim-idle-ms") long claimIdleMillis) {
        this.redis = redis;
        this.claimIdleMillis = claimIdleMillis;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisOutbox() {
        this(null, 0);
    }

    @Override
    public Set<String> saleIds() {
        return call(() -> redis.smembers(RedisKeys.SALES));
    }

    @Override
    public List<Entry> take(String saleId, String consumer, int max) {
        try {
            return call(() -> read(saleId, consumer, max));
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOGROUP")) {
                throw e;
            }
            if (!createGroup(RedisKeys.outbox(saleId))) {
                return List.of(); // no stream: nothing was ever appended, or a reset removed it
            }
            return call(() -> read(saleId, consumer, max));
        }
    }

    @Override
    public void acknowledge(String saleId, List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(entryIds.size() + 1);
        args.add(GROUP);
        args.addAll(entryIds);
        call(() -> ACK.run(redis, List.of(RedisKeys.outbox(saleId)), args));
    }

    @Override
    public long backlog(String saleId) {
        return call(() -> redis.xlen(RedisKeys.outbox(saleId)));
    }

    @Override
    public Optional<Instant> oldestEntry(String saleId) {
        List<StreamEntry> first = call(() -> redis.xrange(RedisKeys.outbox(saleId), "-", "+", 1));
        // An entry id starts with the Redis server's clock in milliseconds when it was appended.
        return first.stream().findFirst().map(e -> Instant.ofEpochMilli(e.getID().getTime()));
    }

    private List<Entry> read(String saleId, String consumer, int max) {
        String key = RedisKeys.outbox(saleId);
        List<Entry> entries = new ArrayList<>();
        Map.Entry<StreamEntryID, List<StreamEntry>> claimed = redis.xautoclaim(key, GROUP, consumer,
                claimIdleMillis, FROM_START, XAutoClaimParams.xAutoClaimParams().count(max));
        claimed.getValue().forEach(e -> entries.add(entry(saleId, e)));
        if (entries.size() < max) {
            var fresh = redis.xreadGroup(GROUP, consumer, XReadGroupParams.xReadGroupParams().count(max - entries.size()),
                    Map.of(key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
            if (fresh != null) {
                fresh.forEach(stream -> stream.getValue().forEach(e -> entries.add(entry(saleId, e))));
            }
        }
        return entries;
    }

    /**
     * Creates the consumer group on an existing stream. Never creates the stream (no MKSTREAM): a
     * persister holding a sale id from before a reset must not bring that sale's stream back.
     *
     * @return false if the stream does not exist
     */
    private boolean createGroup(String key) {
        try {
            call(() -> redis.xgroupCreate(key, GROUP, FROM_START, false));
            return true;
        } catch (JedisDataException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("BUSYGROUP")) {
                return true;
            }
            if (message.contains("requires the key to exist")) {
                return false;
            }
            throw e;
        }
    }

    private static Entry entry(String saleId, StreamEntry e) {
        Map<String, String> f = e.getFields();
        return new Entry(e.getID().toString(),
                new Receipt(f.get("p"), saleId, f.get("u"), Instant.ofEpochMilli(Long.parseLong(f.get("t")))));
    }
}
