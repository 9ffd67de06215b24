-- wrk script: batches of 100 events to POST /api/errors/report/batch, counting accepted events.
package.path = "src/bench/?.lua;" .. package.path
local counting = require("counting")
setup, init, done = counting.setup, counting.init, counting.done
local key = os.getenv("FAULTLINE_KEY")
local size = tonumber(os.getenv("BATCH_SIZE") or "100")
local counter = 0

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

response = counting.response(202, size)
