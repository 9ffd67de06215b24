-- wrk script: batches of 100 events to POST /api/errors/report/batch, counting accepted events.
local key = os.getenv("FAULTLINE_KEY")
local size = tonumber(os.getenv("BATCH_SIZE") or "100")
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
  local events = {}
  for i = 1, size do
    counter = counter + 1
    events[i] = string.format(
      '{"level":"warning","message":"slow query %d on orders","platform":"java",' ..
      '"exception":{"type":"SQLTimeoutException","value":"query exceeded 2 s",' ..
      '"stacktrace":[{"function":"find","module":"orders.Repo","line":%d}]},' ..
      '"tags":{"db":"orders"},"fingerprint":["batch-%d"]}', counter, counter % 100, counter % 20)
  end
  return wrk.format("POST", "/api/errors/report/batch",
    {["Content-Type"] = "application/json", ["X-Faultline-Key"] = key}, "[" .. table.concat(events, ",") .. "]")
end

function response(status)
  if status == 202 then accepted = accepted + size else other = other + 1 end
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
