-- Puts a shopper in a sale's waiting line (once: joining again keeps the place) and answers the
-- shopper's standing (queue-standing.lua, whose KEYS this takes). O(log N).
-- ARGV[1] canonical shopper id
-- ARGV[2] a uniformly random place in [0, 2^52) for an arrival before the opening of a shuffled sale
-- ARGV[3] how long before the start joining opens (ms)
-- ARGV[4] the address limit's capacity ('0': no limit), ARGV[5] its refill period (ms); KEYS[8] the client
-- address's token bucket in this sale, the one purchases take from (token-bucket.lua): a join is an attempt
-- Places: arrivals before the opening of a sale that shuffles get the random place, so their order at
-- the opening is a uniform random permutation whatever the moment of arrival; every other arrival gets
-- 2^52 + its arrival number, behind all of them, first come first served.
-- Returns {'NO_STATE'}, {'NO_WAITING_ROOM'}, {'ADDRESS_LIMITED', waitMs}, {'NOT_OPEN', opensAtMs} or a standing.
local m = queue_meta()
if not m[1] or m[7] == '1' then return {'NO_STATE'} end
if not m[4] then return {'NO_WAITING_ROOM'} end
local now = clock()
if ARGV[4] ~= '0' then
  local wait = take_token(KEYS[8], tonumber(ARGV[4]), tonumber(ARGV[5]), now)
  if wait > 0 then return {'ADDRESS_LIMITED', wait} end
end
local opens = tonumber(m[1]) - tonumber(ARGV[3])
if now < opens then return {'NOT_OPEN', opens} end
local shopper = ARGV[1]
if redis.call('HEXISTS', KEYS[3], shopper) == 0 and not closed_reason(m, now)
    and not admission_of(shopper, now) and not redis.call('ZSCORE', KEYS[4], shopper) then
  if redis.call('HDEL', KEYS[5], shopper) == 1 then
    -- an admission that expired before the sweep: it counts as expired, and the shopper queues again
    redis.call('ZREM', KEYS[7], shopper)
    redis.call('HINCRBY', KEYS[6], 'expired', 1)
  end
  local place
  if now < tonumber(m[1]) and m[5] == '1' then
    place = ARGV[2]
  else
    place = 4503599627370496 + redis.call('HINCRBY', KEYS[6], 'seq', 1)
  end
  redis.call('ZADD', KEYS[4], place, shopper)
  redis.call('HINCRBY', KEYS[6], 'joined', 1)
end
return standing(shopper, m, now)
