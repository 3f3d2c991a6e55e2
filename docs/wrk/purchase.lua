-- wrk script: POSTs a purchase with a new shopper identifier on every request.
--   wrk -t2 -c64 -d15s -s docs/wrk/purchase.lua http://localhost:9080/api/v1/sales/<saleId>/purchases
--   wrk -t2 -c64 -d15s -s docs/wrk/purchase.lua http://localhost:9080/api/flash-sale/purchase
-- Identifiers are unique per run (time-based prefix) and per wrk thread.
local threads = 0
local run = tostring(os.time())

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
function request()
  counter = counter + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" },
    '{"userIdentifier":"wrk' .. run .. "-" .. tid .. "-" .. counter .. '"}')
end
