-- wrk script: one Sentry envelope per request to POST /api/{projectId}/envelope/, gzip-encoded,
-- as the Sentry Java SDK sends it. SentryEnvelope.java made the compressed prefix from a real
-- SDK envelope; each request appends its own event id as a final stored deflate block and
-- completes the gzip trailer, so every request is a distinct event (none is a duplicate).
package.path = "src/bench/?.lua;" .. package.path
local counting = require("counting")
setup, init, done = counting.setup, counting.init, counting.done
local bit = require("bit")
local band, bxor, bnot, rshift = bit.band, bit.bxor, bit.bnot, bit.rshift

local key = os.getenv("FAULTLINE_KEY")
local path = os.getenv("ENVELOPE_PATH")
local prefixCrc = bit.tobit(tonumber(os.getenv("ENVELOPE_PREFIX_CRC")))
local prefixLength = tonumber(os.getenv("ENVELOPE_PREFIX_LENGTH"))
local file = assert(io.open(os.getenv("ENVELOPE_PREFIX_FILE"), "rb"))
local prefix = file:read("*a")
file:close()
local counter = 0
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

response = counting.response(200, 1)
