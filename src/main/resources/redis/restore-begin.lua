-- Starts reconciling a sale from the durable record: rewrites its metadata, and if its state
-- is missing or holds fewer buyers than recorded, blocks purchases (rebuilding=1).
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] buyers
-- ARGV name, total, startMs, endMs, createdMs, cancelled, recordedPurchases, then the waiting room
-- (waiting-room.lua): rate ('' for none), validity seconds, shuffle, paused
-- Stamps the sale with this Redis process' run_id (the epoch purchase.lua checks): its state has
-- now been checked against the durable record by this process.
-- Returns 1 if buyers must be restored, 0 if the state is whole.
local whole = redis.call('EXISTS', KEYS[1]) == 1
  and redis.call('HGET', KEYS[1], 'rebuilding') ~= '1'
  and redis.call('EXISTS', KEYS[2]) == 1
  and redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[7])
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'total', ARGV[2], 'start', ARGV[3], 'end', ARGV[4],
  'created', ARGV[5], 'cancelled', ARGV[6],
  'epoch', string.match(redis.call('INFO', 'server'), 'run_id:(%x+)'))
set_waiting_room(KEYS[1], ARGV[8], ARGV[9], ARGV[10], ARGV[11])
if whole then return 0 end
redis.call('HSET', KEYS[1], 'rebuilding', '1')
return 1
