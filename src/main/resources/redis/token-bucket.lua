-- take_token(key, capacity, period_ms, now_ms): takes one token from the token bucket at key, a hash
-- {t = tokens left, at = ms of the last take}, created full; it refills greedily at capacity tokens
-- per period_ms. Returns 0 when a token was taken, else how many ms until one will be there.
-- The key expires once the bucket would be full again, plus 10 s: a full bucket and no key mean the
-- same, so a rush of shoppers leaves nothing behind. Shared by the scripts that limit attempts
-- (LuaScript prepends it); a refused take writes nothing.
local function take_token(key, capacity, period_ms, now)
  local bucket = redis.call('HMGET', key, 't', 'at')
  local tokens = capacity
  if bucket[1] then
    tokens = math.min(capacity, tonumber(bucket[1]) + math.max(0, now - tonumber(bucket[2])) * capacity / period_ms)
  end
  if tokens < 1 then
    return math.ceil((1 - tokens) * period_ms / capacity)
  end
  tokens = tokens - 1
  redis.call('HSET', key, 't', string.format('%.6f', tokens), 'at', string.format('%.0f', now))
  redis.call('PEXPIRE', key, math.ceil((capacity - tokens) * period_ms / capacity) + 10000)
  return 0
end

