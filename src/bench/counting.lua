-- Shared by the intake scripts: counts the events each thread saw accepted, and writes the
-- figures src/bench/run reads. Each script sets wrk's functions from it:
--   setup, init, done = counting.setup, counting.init, counting.done
--   response = counting.response(202, 1)      -- the accepting status, events per request
local counting = {threads = {}}

-- Runs in wrk's main state; gives each thread a number (the global 'id' in its own state).
function counting.setup(thread)
  table.insert(counting.threads, thread)
  thread:set("id", #counting.threads)
end

function counting.init(args)
  accepted = 0
  other = 0
end

function counting.response(status, events)
  return function(answered)
    if answered == status then accepted = accepted + events else other = other + 1 end
  end
end

function counting.done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(counting.threads) do
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

return counting
