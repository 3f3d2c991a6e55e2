-- Takes one attempt from a rate limit's token bucket, by this Redis server's clock (prepended:
-- token-bucket.lua).
-- KEYS[1] the bucket (hash)
-- ARGV[1] capacity (tokens), ARGV[2] refill period (ms): capacity tokens per period
-- Returns 0 when the attempt is admitted, else the ms until a token will be there.
local t = redis.call('TIME')
return take_token(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]),
  tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
