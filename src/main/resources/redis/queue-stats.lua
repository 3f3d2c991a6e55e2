-- A waiting room's counters in one step. KEYS[1] q:line, KEYS[2] q:admitted, KEYS[3] q:stats
-- Returns {waiting, admittedNow (held: not spent, not yet swept), joined, admitted, bought, expired}.
-- Every admission is held, was counted expired (swept, or replaced by a join after it ran out), or was
-- spent by a purchase, which only deletes it (one command fewer on the purchase path): so bought is
-- admitted - expired - held.
local s = redis.call('HMGET', KEYS[3], 'joined', 'admitted', 'expired')
local held = redis.call('HLEN', KEYS[2])
local admitted = tonumber(s[2] or '0')
local expired = tonumber(s[3] or '0')
return {redis.call('ZCARD', KEYS[1]), held, tonumber(s[1] or '0'), admitted,
  math.max(0, admitted - expired - held), expired}
