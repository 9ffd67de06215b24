-- wrk script: one event per request to POST /api/errors/report, 50 groups, counting 202s.
package.path = "src/bench/?.lua;" .. package.path
local counting = require("counting")
setup, init, done = counting.setup, counting.init, counting.done
local key = os.getenv("FAULTLINE_KEY")
local counter = 0

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

response = counting.response(202, 1)
