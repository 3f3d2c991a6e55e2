-- Adds recorded buyers missing from the store; stock never exceeds total - buyers.
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] buyers
-- ARGV[1] total, then pairs: shopper, "<purchaseId>:<purchasedAtMs>"
-- Returns how many buyers were added.
local added = 0
for i = 2, #ARGV, 2 do
  added = added + redis.call('HSETNX', KEYS[3], ARGV[i], ARGV[i + 1])
end
local stock = redis.call('GET', KEYS[2])
if stock then
  local cap = math.max(0, tonumber(ARGV[1]) - redis.call('HLEN', KEYS[3]))
  if tonumber(stock) > cap then redis.call('SET', KEYS[2], cap) end
end
return added
