-- wrk script: one Sentry envelope per request to POST /api/{projectId}/envelope/, gzip-encoded,
-- as the Sentry Java SDK sends it. SentryEnvelope.java made the compressed prefix from a real
-- SDK envelope; each request appends its own event id as a final stored deflate block and
-- completes the gzip trailer, so every request is a distinct event (none is a duplicate).
local bit = require("bit")
local band, bor, bxor, bnot, rshift = bit.band, bit.bor, bit.bxor, bit.bnot, bit.rshift

local key = os.getenv("FAULTLINE_KEY")
local path = os.getenv("ENVELOPE_PATH")
local prefixCrc = bit.tobit(tonumber(os.getenv("ENVELOPE_PREFIX_CRC")))
local prefixLength = tonumber(os.getenv("ENVELOPE_PREFIX_LENGTH"))
local file = assert(io.open(os.getenv("ENVELOPE_PREFIX_FILE"), "rb"))
local prefix = file:read("*a")
file:close()
local headers = {["Content-Type"] = "application/x-sentry-envelope", ["Content-Encoding"] = "gzip",
  ["X-Sentry-Auth"] = "Sentry sentry_key=" .. key .. ", sentry_version=7, sentry_client=sentry.java/8.63.0"}

local crcTable = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if band(c, 1) ~= 0 then c = bxor(rshift(c, 1), 0xEDB88320) else c = rshift(c, 1) end
  end
  crcTable[i] = c
end

local function le(value, bytes)
  local out = {}
  for i = 1, bytes do
    out[i] = string.char(band(rshift(value, 8 * (i - 1)), 0xff))
  end
  return table.concat(out)
end

local threads = {}
local nextThread = 0
function setup(thread)
  nextThread = nextThread + 1
  thread:set("id", nextThread)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  other = 0
  counter = 0
end

function request()
  counter = counter + 1
  local suffix = string.format('"event_id":"%08x0000000000000000%08x"}\n', id, counter)
  local c = bnot(prefixCrc)
  for i = 1, #suffix do
    c = bxor(crcTable[band(bxor(c, suffix:byte(i)), 0xff)], rshift(c, 8))
  end
  local body = prefix .. "\1" .. le(#suffix, 2) .. le(band(bnot(#suffix), 0xffff), 2) .. suffix
    .. le(bnot(c), 4) .. le(prefixLength + #suffix, 4)
  return wrk.format("POST", path, headers, body)
end

function response(status)
  if status == 200 then accepted = accepted + 1 else other = other + 1 end
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
