-- Reads a sale's live state and this Redis server's clock in one step.
-- KEYS[1] {sale:<id>}:meta, KEYS[2] {sale:<id>}:stock
-- Returns {} when the state is missing or being rebuilt, else
-- {name, total, start, end, created, cancelled, stock, nowMs, qRate, qTtl, qShuffle, qPaused}
-- (the waiting room's fields '' when the sale has none).
local m = redis.call('HMGET', KEYS[1], 'name', 'total', 'start', 'end', 'created', 'cancelled', 'rebuilding',
  'q_rate', 'q_ttl', 'q_shuffle', 'q_paused')
local stock = redis.call('GET', KEYS[2])
if not m[1] or not stock or m[7] == '1' then return {} end
local t = redis.call('TIME')
local now = string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
return {m[1], m[2], m[3], m[4], m[5], m[6] or '0', stock, now, m[8] or '', m[9] or '', m[10] or '', m[11] or ''}
