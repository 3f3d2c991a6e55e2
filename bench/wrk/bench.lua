-- wrk script of bench/run: a GET, or a purchase POST with a new userIdentifier on every request,
-- counting the outcomes it sees so bench/run can check them against the sale's stock afterwards.
--   wrk --latency -t2 -c64 -d20s -s bench/wrk/bench.lua <url> -- post <run-tag>
--   wrk --latency -t2 -c64 -d20s -s bench/wrk/bench.lua <url> -- get
-- Identifiers are "<run-tag>-<thread>-<counter>": bench/run gives every wrk invocation its own tag.
-- At the end it prints one line:
--   BENCH requests=… duration_us=… rps=… p50_us=… p90_us=… p99_us=… max_us=…
--         s2xx=… s201=… s409=… s429=… s4xx=… s5xx=… other=… success_true=… success_false=…
--         err_connect=… err_read=… err_write=… err_timeout=…
-- success_true / success_false count bodies with "success":true / "success":false (seed envelopes).
local threads = {}
local method = "GET"
local tag = "w"

function init(args)
  if args[1] == "post" then method = "POST" end
  tag = args[2] or tag
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local counter = 0
local headers = { ["Content-Type"] = "application/json" }
function request()
  if method == "GET" then
    return wrk.format("GET")
  end
  counter = counter + 1
  return wrk.format("POST", nil, headers, '{"userIdentifier":"' .. tag .. "-" .. tid .. "-" .. counter .. '"}')
end

s2xx, s201, s409, s429, s4xx, s5xx, other, success_true, success_false = 0, 0, 0, 0, 0, 0, 0, 0, 0
function response(status, hdrs, body)
  if status == 201 then s201 = s201 + 1 end
  if status >= 200 and status < 300 then s2xx = s2xx + 1
  elseif status == 409 then s409 = s409 + 1
  elseif status == 429 then s429 = s429 + 1
  elseif status >= 400 and status < 500 then s4xx = s4xx + 1
  elseif status >= 500 then s5xx = s5xx + 1
  else other = other + 1 end
  if body then
    if string.find(body, '"success":true', 1, true) then success_true = success_true + 1
    elseif string.find(body, '"success":false', 1, true) then success_false = success_false + 1 end
  end
end

function done(summary, latency, requests)
  local names = { "s2xx", "s201", "s409", "s429", "s4xx", "s5xx", "other", "success_true", "success_false" }
  local total = {}
  for _, n in ipairs(names) do total[n] = 0 end
  for _, t in ipairs(threads) do
    for _, n in ipairs(names) do total[n] = total[n] + (t:get(n) or 0) end
  end
  local line = string.format("BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max)
  for _, n in ipairs(names) do line = line .. string.format(" %s=%d", n, total[n]) end
  line = line .. string.format(" err_connect=%d err_read=%d err_write=%d err_timeout=%d",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout)
  io.write(line .. "\n")
end
