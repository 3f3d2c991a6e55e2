-- wrk script: like purchase.lua (a new shopper per request), and each request claims another client
-- address in X-Forwarded-For. Only meaningful against a server that trusts 127.0.0.1 as a proxy
-- (flashsale.http.trusted.proxies), so that the rate limiter's address buckets are all different:
-- attempts from many shoppers on many networks instead of one hot address.
--   wrk -t2 -c64 -d10s -s docs/wrk/purchase-many-addresses.lua http://localhost:9080/api/v1/sales/<saleId>/purchases
local threads = 0
local run = tostring(os.time())

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
function request()
  counter = counter + 1
  local address = string.format("10.%d.%d.%d", tid, math.floor(counter / 250) % 250, counter % 250 + 1)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = address },
    '{"userIdentifier":"wrk' .. run .. "-" .. tid .. "-" .. counter .. '"}')
end
