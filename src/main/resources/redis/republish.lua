-- Replaces an unstarted sale's name, window and stock, judged by this server's clock.
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] buyers
-- ARGV name, total, startMs, endMs, then the waiting room (waiting-room.lua): rate ('' for none),
-- validity seconds, shuffle, paused
-- Returns 1 if replaced, 0 if the sale has started, is cancelled or has no state.
local m = redis.call('HMGET', KEYS[1], 'start', 'cancelled', 'rebuilding')
if not m[1] or m[2] == '1' or m[3] == '1' then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if now >= tonumber(m[1]) then return 0 end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'total', ARGV[2], 'start', ARGV[3], 'end', ARGV[4])
set_waiting_room(KEYS[1], ARGV[5], ARGV[6], ARGV[7], ARGV[8])
redis.call('SET', KEYS[2], tonumber(ARGV[2]) - redis.call('HLEN', KEYS[3]))
return 1
