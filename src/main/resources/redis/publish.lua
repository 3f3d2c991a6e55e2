-- Publishes a new sale's state unless the store already has it, stamped with this Redis process'
-- run_id (the epoch purchase.lua checks: a new sale has nothing to reconcile).
-- KEYS[1] meta, KEYS[2] stock
-- ARGV name, total, startMs, endMs, createdMs, cancelled, then the waiting room (waiting-room.lua):
-- rate ('' for none), validity seconds, shuffle, paused
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'total', ARGV[2], 'start', ARGV[3], 'end', ARGV[4],
  'created', ARGV[5], 'cancelled', ARGV[6],
  'epoch', string.match(redis.call('INFO', 'server'), 'run_id:(%x+)'))
set_waiting_room(KEYS[1], ARGV[7], ARGV[8], ARGV[9], ARGV[10])
redis.call('SET', KEYS[2], ARGV[2])
return 1
