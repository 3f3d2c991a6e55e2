-- Publishes a new sale's state unless the store already has it.
-- KEYS[1] meta, KEYS[2] stock
-- ARGV name, total, startMs, endMs, createdMs, cancelled
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'total', ARGV[2], 'start', ARGV[3], 'end', ARGV[4],
  'created', ARGV[5], 'cancelled', ARGV[6])
redis.call('SET', KEYS[2], ARGV[2])
return 1
