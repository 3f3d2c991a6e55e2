-- One admission step of a sale's waiting room, safe to run from every instance at any moment: the
-- pace is kept in the sale's own stats (the moment up to which admissions were granted, 'last'),
-- judged by this server's clock, so any number of admitters together admit at the configured rate.
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] q:line, KEYS[4] q:admitted, KEYS[5] q:expiry, KEYS[6] q:stats
-- ARGV[1] most admissions in one step, ARGV[2] longest backlog admitted at once (ms: after a pause
-- of every admitter, at most this much time's worth is admitted in one go)
-- Each admission pops the head of the line (never admitted twice from one place) and stores
-- '<admission number>:<expiresMs>' for the shopper. Expired admissions are swept (counted as expired;
-- the expiry entries of admissions a purchase spent are dropped uncounted).
-- Nothing is admitted before the opening, while paused, or once the sale is cancelled, ended or
-- sold out.
-- Returns {code, admittedNow, expiredNow, waiting, admittedTotal, closed}: code 1 admitted or may,
-- 0 nothing to do now, -1 the sale no longer needs an admitter (no waiting room, or closed with no
-- admission outstanding); closed is '' or CANCELLED, ENDED, SOLD_OUT.
local m = redis.call('HMGET', KEYS[1], 'start', 'end', 'cancelled', 'q_rate', 'q_ttl', 'q_paused', 'rebuilding')
if not m[1] or not m[4] then return {-1, 0, 0, 0, 0, ''} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', now, 'LIMIT', 0, 1000)
local swept = 0
if #expired > 0 then
  -- a spent admission (its purchase deleted it) leaves its expiry entry behind: not counted as expired
  swept = redis.call('HDEL', KEYS[4], unpack(expired))
  redis.call('ZREM', KEYS[5], unpack(expired))
  if swept > 0 then redis.call('HINCRBY', KEYS[6], 'expired', swept) end
end
local function result(code, admitted, closed)
  return {code, admitted, swept, redis.call('ZCARD', KEYS[3]),
    tonumber(redis.call('HGET', KEYS[6], 'admitted') or '0'), closed}
end
if m[7] == '1' then return result(0, 0, '') end
local start = tonumber(m[1])
local closed = ''
if m[3] == '1' then closed = 'CANCELLED'
elseif now >= tonumber(m[2]) then closed = 'ENDED'
elseif tonumber(redis.call('GET', KEYS[2]) or '0') <= 0 then closed = 'SOLD_OUT' end
if closed ~= '' then
  if redis.call('ZCARD', KEYS[5]) == 0 then return result(-1, 0, closed) end
  return result(0, 0, closed)
end
if now < start or m[6] == '1' then
  -- nothing is owed for the time before the opening or while paused
  redis.call('HSET', KEYS[6], 'last', math.max(now, start))
  return result(0, 0, '')
end
local rate = tonumber(m[4])
local last = tonumber(redis.call('HGET', KEYS[6], 'last') or start)
if last < now - tonumber(ARGV[2]) then last = now - tonumber(ARGV[2]) end
local due = math.floor((now - last) * rate / 1000)
if due > tonumber(ARGV[1]) then due = tonumber(ARGV[1]) end
if due <= 0 then return result(1, 0, '') end
local popped = redis.call('ZPOPMIN', KEYS[3], due)
local count = #popped / 2
local expires = string.format('%.0f', now + tonumber(m[5]) * 1000)
for i = 1, #popped, 2 do
  local number = redis.call('HINCRBY', KEYS[6], 'aseq', 1)
  redis.call('HSET', KEYS[4], popped[i], number .. ':' .. expires)
  redis.call('ZADD', KEYS[5], expires, popped[i])
end
if count > 0 then redis.call('HINCRBY', KEYS[6], 'admitted', count) end
-- an empty line banks nothing: the pace restarts from now
if count < due then last = now else last = last + due * 1000 / rate end
redis.call('HSET', KEYS[6], 'last', string.format('%.3f', last))
return result(1, count, '')
