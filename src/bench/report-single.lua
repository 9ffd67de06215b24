-- wrk script: one event per request to POST /api/errors/report, 50 groups, counting 202s.
local key = os.getenv("FAULTLINE_KEY")
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  other = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"level":"error","message":"checkout failed for order %d","platform":"python","release":"1.4.%d",' ..
    '"exception":{"type":"TimeoutError","value":"upstream timed out after 3000 ms","stacktrace":[' ..
    '{"function":"pay","module":"checkout","file":"checkout.py","line":%d},' ..
    '{"function":"charge","module":"billing","file":"billing.py","line":88}]},' ..
    '"tags":{"region":"eu-west-1","tier":"web"},"fingerprint":["bench-%d"]}',
    counter, counter % 3, counter % 100, counter % 50)
  return wrk.format("POST", "/api/errors/report",
    {["Content-Type"] = "application/json", ["X-Faultline-Key"] = key}, body)
end

function response(status)
  if status == 202 then accepted = accepted + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("accepted")
    bad = bad + thread:get("other")
  end
  io.write(string.format("accepted_events=%d\nother_responses=%d\n", ok, bad))
  io.write(string.format("requests_per_second=%.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("events_per_second=%.0f\n", ok / (summary.duration / 1e6)))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("p%d_ms=%.2f\n", p, latency:percentile(p) / 1000))
  end
end
