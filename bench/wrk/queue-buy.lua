-- wrk script of bench/queue: purchases by distinct shoppers from a file of "shopper token" lines
-- (bench/queue/QueueCrowd.java admit), each line used once: thread t of T takes lines t, t+T, t+2T, …
--   wrk -tT ... -s bench/wrk/queue-buy.lua <purchases-url> -- <file> token T  (Admission-Token: the shopper's token)
--   wrk -tT ... -s bench/wrk/queue-buy.lua <purchases-url> -- <file> plain T  (no header: a sale without a waiting room)
-- A thread that runs out of lines starts again from its first (those answers are 409 already-purchased and
-- show as other=…). Prints one line: QBENCH requests=… rps=… p50_us=… p99_us=… s201=… other=… errors=…
local mode
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

-- setup(thread) runs before init(args) in each thread's state: tid is known here
local lines = {}
function init(args)
  mode = args[2] or "token"
  local T = tonumber(args[3] or "2")
  local all = {}
  for line in io.lines(args[1]) do if line ~= "" then table.insert(all, line) end end
  for idx = tid, #all, T do table.insert(lines, all[idx]) end
end

local i = 0
function request()
  i = i + 1
  local line = lines[((i - 1) % #lines) + 1]
  local sp = string.find(line, " ", 1, true)
  local shopper, token = string.sub(line, 1, sp - 1), string.sub(line, sp + 1)
  local headers = { ["Content-Type"] = "application/json" }
  if mode == "token" then headers["Admission-Token"] = token end
  return wrk.format("POST", nil, headers, '{"userIdentifier":"' .. shopper .. '"}')
end

s201, other = 0, 0
function response(status, headers, body)
  if status == 201 then s201 = s201 + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do a = a + (t:get("s201") or 0); b = b + (t:get("other") or 0) end
  io.write(string.format("QBENCH requests=%d rps=%.1f p50_us=%d p99_us=%d s201=%d other=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    a, b, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
