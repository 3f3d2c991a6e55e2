-- Ends a rebuild: stock = total - buyers, then reopens the sale to purchases.
-- KEYS[1] meta, KEYS[2] stock, KEYS[3] buyers
-- ARGV[1] total
-- Returns the stock set.
local stock = math.max(0, tonumber(ARGV[1]) - redis.call('HLEN', KEYS[3]))
redis.call('SET', KEYS[2], stock)
redis.call('HDEL', KEYS[1], 'rebuilding')
return stock
