-- Acknowledges outbox entries and deletes them in one atomic step. As two commands, a Redis
-- stall between them (or a reply lost to the client's socket timeout) left entries acknowledged
-- but still in the stream: never delivered again, never claimed, never drained.
-- KEYS[1] {sale:<id>}:outbox
-- ARGV[1] consumer group, ARGV[2..] entry ids (at most flashsale.outbox.batch-size)
-- Returns the number of entries deleted.
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
