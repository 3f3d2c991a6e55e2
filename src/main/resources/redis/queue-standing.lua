-- Where a shopper stands in a sale's waiting room; prepended to queue-join.lua and queue-ticket.lua.
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] buyers, KEYS[4] q:line, KEYS[5] q:admitted, KEYS[6] q:stats,
-- KEYS[7] q:expiry
-- A standing is {state, nowMs, startMs, endMs, rate, paused, shuffle, position, waiting, admittedTotal,
-- grant}: state is PURCHASED, CANCELLED, ENDED, SOLD_OUT, ADMITTED (grant: '<number>:<expiresMs>'),
-- EARLY (joined before the opening), WAITING or NOT_IN_LINE; position is 1 for the head of the line.

local function queue_meta()
  return redis.call('HMGET', KEYS[1], 'start', 'end', 'cancelled', 'q_rate', 'q_shuffle', 'q_paused', 'rebuilding')
end

local function clock()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Why the line is closed (nil while it is open): cancelled, ended or sold out.
local function closed_reason(m, now)
  if m[3] == '1' then return 'CANCELLED' end
  if now >= tonumber(m[2]) then return 'ENDED' end
  local stock = tonumber(redis.call('GET', KEYS[2]))
  if stock and stock <= 0 then return 'SOLD_OUT' end
  return nil
end

-- The shopper's unexpired admission ('<number>:<expiresMs>'), or nil.
local function admission_of(shopper, now)
  local grant = redis.call('HGET', KEYS[5], shopper)
  if grant and tonumber(string.match(grant, ':(%d+)$')) > now then return grant end
  return nil
end

local function standing(shopper, m, now)
  local function answer(state, position, grant)
    return {state, now, m[1], m[2], m[4], m[6] or '0', m[5] or '0', position, redis.call('ZCARD', KEYS[4]),
      tonumber(redis.call('HGET', KEYS[6], 'admitted') or '0'), grant or ''}
  end
  if redis.call('HEXISTS', KEYS[3], shopper) == 1 then return answer('PURCHASED', 0) end
  local reason = closed_reason(m, now)
  if reason then return answer(reason, 0) end
  local grant = admission_of(shopper, now)
  if grant then return answer('ADMITTED', 0, grant) end
  local rank = redis.call('ZRANK', KEYS[4], shopper)
  if not rank then return answer('NOT_IN_LINE', 0) end
  if now < tonumber(m[1]) then return answer('EARLY', rank + 1) end
  return answer('WAITING', rank + 1)
end
