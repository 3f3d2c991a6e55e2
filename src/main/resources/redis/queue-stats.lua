-- A waiting room's counters in one step. KEYS[1] q:line, KEYS[2] q:admitted, KEYS[3] q:stats
-- Returns {waiting, admittedNow (unexpired and unspent), joined, admitted, bought, expired}.
local s = redis.call('HMGET', KEYS[3], 'joined', 'admitted', 'bought', 'expired')
return {redis.call('ZCARD', KEYS[1]), redis.call('HLEN', KEYS[2]),
  tonumber(s[1] or '0'), tonumber(s[2] or '0'), tonumber(s[3] or '0'), tonumber(s[4] or '0')}
