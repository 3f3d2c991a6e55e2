-- wrk script: POSTs a purchase with a new shopper identifier on every request.
--   wrk -t2 -c64 -d15s -s docs/wrk/purchase.lua http://localhost:9080/api/v1/sales/<saleId>/purchases
--   wrk -t2 -c64 -d15s -s docs/wrk/purchase.lua http://localhost:9080/api/flash-sale/purchase
-- Identifiers are unique per run (time-based prefix) and per wrk thread.
-- With "-- many-addresses" after the URL each request also claims another client address in
-- X-Forwarded-For: only meaningful against a server that trusts 127.0.0.1 as a proxy
-- (flashsale.http.trusted.proxies), so that the rate limiter's address buckets all differ.
local threads = 0
local run = tostring(os.time())
local manyAddresses = false

function init(args)
  manyAddresses = args[1] == "many-addresses"
end

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json" }
  if manyAddresses then
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", tid, math.floor(counter / 250) % 250, counter % 250 + 1)
  end
  return wrk.format("POST", nil, headers, '{"userIdentifier":"wrk' .. run .. "-" .. tid .. "-" .. counter .. '"}')
end
