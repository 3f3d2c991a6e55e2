-- wrk script of bench/queue: position reads, GET <url>/<ticket> round-robin over the tickets in a file
-- (one a line, from bench/queue/QueueCrowd.java join), so every read is a real shopper's place in line.
--   wrk --latency -t2 -c64 -d10s -s bench/wrk/queue-follow.lua http://127.0.0.1:9480/api/v1/sales/<id>/queue -- <tickets-file>
-- Prints one line: QBENCH requests=… rps=… p50_us=… p99_us=… s200=… other=… errors=…
local tickets = {}
local threads = {}
local path = "/"

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(tickets, line) end
  end
  path = wrk.path .. "/"
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local i = 0
function request()
  i = i + 1
  -- threads start at different places so the reads spread over the line
  local t = tickets[((i + (tid or 1) * 7919) % #tickets) + 1]
  return wrk.format("GET", path .. t)
end

s200, other = 0, 0
function response(status, headers, body)
  if status == 200 then s200 = s200 + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do a = a + (t:get("s200") or 0); b = b + (t:get("other") or 0) end
  io.write(string.format("QBENCH requests=%d rps=%.1f p50_us=%d p99_us=%d s200=%d other=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    a, b, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
