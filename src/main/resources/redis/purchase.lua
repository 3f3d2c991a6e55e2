-- Decides one purchase atomically, judged by this Redis server's clock, the rate limits of the
-- client address and of the shopper in this sale included (prepended: token-bucket.lua).
-- KEYS[1] {sale:<id>}:meta    hash: start, end (epoch ms), cancelled, rebuilding, ...
-- KEYS[2] {sale:<id>}:stock   string: units left
-- KEYS[3] {sale:<id>}:buyers  hash: shopper -> "<purchaseId>:<purchasedAtMs>"
-- KEYS[4] {sale:<id>}:outbox  stream: purchases waiting for the durable record
-- KEYS[5] {sale:<id>}:limit:shopper:<rule>:<shopper>  the shopper's token bucket in this sale (hash)
-- KEYS[6] {sale:<id>}:limit:address:<rule>:<address>  the client address's token bucket in this sale
-- KEYS[7] {sale:<id>}:q:admitted  hash: admitted shopper -> '<admission number>:<expires at ms>'
-- ARGV[1] canonical shopper id
-- ARGV[2] candidate purchase id (deterministic for an idempotent retry)
-- ARGV[3] the shopper limit's capacity ('0': no limit), ARGV[4] its refill period (ms)
-- ARGV[5] the address limit's capacity ('0': no limit), ARGV[6] its refill period (ms)
-- ARGV[7] the admission the shopper's token grants ('<admission number>:<expires at ms>'; '' no token;
--         '-' a token whose signature or binding failed), ARGV[8] its expiry (ms, '0' without one)
-- Returns {code} or {code, record} or {'BOUGHT', record, outboxEntryId}
-- or {'ADDRESS_LIMITED' | 'SHOPPER_LIMITED', waitMs}.
-- Order of checks: state, epoch, address limit, shopper limit, cancelled, window, already bought,
-- stock, admission (a sale with a waiting room only: the token's grant must be the one the admitter
-- stored for this shopper and unexpired; a purchase spends it). The limits come after the checks that send the service to reconcile and ask again (so one
-- attempt takes one token of each) and before everything a shopper can learn: a refused attempt
-- learns and changes nothing (an attempt the shopper limit refuses has spent its address token).
-- Epoch: the run_id of the Redis process that last checked this sale's state against the durable
-- record. Another process (a restart, a promoted replica) may hold older state than it acknowledged,
-- so its first decision answers STALE and the service reconciles the sale before deciding.
local meta = redis.call('HMGET', KEYS[1], 'start', 'end', 'cancelled', 'rebuilding', 'epoch', 'q_rate')
if not meta[1] then return {'NO_STATE'} end
if meta[4] == '1' then return {'REBUILDING'} end
if meta[5] ~= string.match(redis.call('INFO', 'server'), 'run_id:(%x+)') then return {'STALE'} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[5] ~= '0' then
  local wait = take_token(KEYS[6], tonumber(ARGV[5]), tonumber(ARGV[6]), now)
  if wait > 0 then return {'ADDRESS_LIMITED', wait} end
end
if ARGV[3] ~= '0' then
  local wait = take_token(KEYS[5], tonumber(ARGV[3]), tonumber(ARGV[4]), now)
  if wait > 0 then return {'SHOPPER_LIMITED', wait} end
end
if meta[3] == '1' then return {'CANCELLED'} end
if now < tonumber(meta[1]) then return {'NOT_STARTED'} end
if now >= tonumber(meta[2]) then return {'ENDED'} end
local existing = redis.call('HGET', KEYS[3], ARGV[1])
if existing then
  if string.sub(existing, 1, #ARGV[2] + 1) == ARGV[2] .. ':' then
    return {'BOUGHT', existing, ''}
  end
  return {'ALREADY_PURCHASED', existing}
end
local stock = tonumber(redis.call('GET', KEYS[2]))
if not stock then return {'NO_STATE'} end
if stock <= 0 then return {'SOLD_OUT'} end
if meta[6] then
  local expires = tonumber(ARGV[8])
  if ARGV[7] == '' or redis.call('HGET', KEYS[7], ARGV[1]) ~= ARGV[7] then
    -- never admitted, spent, replaced by a later admission, swept after expiry, or not this shopper's
    if ARGV[7] ~= '' and ARGV[7] ~= '-' and expires <= now then return {'ADMISSION_EXPIRED'} end
    return {'ADMISSION_REQUIRED'}
  end
  if expires <= now then return {'ADMISSION_EXPIRED'} end
  -- spent: the admitter's sweep finds the expiry entry with no admission behind it and counts nothing
  redis.call('HDEL', KEYS[7], ARGV[1])
end
redis.call('DECR', KEYS[2])
local at = string.format('%.0f', now)
local record = ARGV[2] .. ':' .. at
redis.call('HSET', KEYS[3], ARGV[1], record)
local entry = redis.call('XADD', KEYS[4], '*', 'u', ARGV[1], 'p', ARGV[2], 't', at)
return {'BOUGHT', record, entry}
