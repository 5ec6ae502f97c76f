-- PUT /api/v1/plans/{id}/parts/funding, each connection writing its own plan.
--
-- Run with as many threads as connections (-t N -c N): wrk gives each thread its own Lua
-- state, so with one connection per thread the per-thread globals below are exactly one
-- connection's state, and no two connections ever write the same plan.
--
-- Arguments after `--`: <document.json> <plan ids, comma-separated, one per thread>
-- Credentials come from wrk's -H (e.g. -H "Authorization: Bearer ..."), sent with every request.
-- A connection first GETs its part to learn the ETag, then PUTs the document with
-- If-Match, taking the next ETag from each response's ETag header. Should a PUT fail
-- (412: the tracking is wrong; anything else), it counts it and reads the part again.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "summary.lua")

-- main Lua state: hand each thread its index, keep the threads for done()
local next_index = 0
local threads = {}

function setup(thread)
  next_index = next_index + 1
  thread:set("thread_index", next_index)
  table.insert(threads, thread)
end

-- thread Lua state (globals so that done() can read them with thread:get)
gets_2xx, puts_2xx, puts_412, other_non_2xx, plan_id = 0, 0, 0, 0, nil
local path, document, etag, last_method

function init(args)
  local file = assert(io.open(args[1], "rb"), "cannot open " .. tostring(args[1]))
  document = file:read("*a")
  file:close()
  local ids = {}
  for id in string.gmatch(args[2] or "", "%d+") do
    ids[#ids + 1] = id
  end
  plan_id = ids[thread_index]
  assert(plan_id, "no plan for thread " .. tostring(thread_index) .. ": pass one plan id per thread")
  path = "/api/v1/plans/" .. plan_id .. "/parts/funding"
end

function request()
  if etag == nil then
    last_method = "GET"
    return wrk.format("GET", path)
  end
  last_method = "PUT"
  -- wrk.format uses wrk.headers (from -H, e.g. Authorization) only when given no headers: merge them
  local headers = { ["If-Match"] = etag, ["Content-Type"] = "application/json" }
  for name, value in pairs(wrk.headers) do
    if headers[name] == nil then headers[name] = value end
  end
  return wrk.format("PUT", path, headers, document)
end

local function header(headers, wanted)
  for name, value in pairs(headers) do
    if string.lower(name) == wanted then
      return value
    end
  end
  return nil
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    if last_method == "GET" then gets_2xx = gets_2xx + 1 else puts_2xx = puts_2xx + 1 end
    etag = header(headers, "etag")
  else
    if status == 412 then puts_412 = puts_412 + 1 else other_non_2xx = other_non_2xx + 1 end
    if puts_412 + other_non_2xx <= 3 then
      io.write(string.format("ADTP_UNEXPECTED plan %s %s -> %d (sent If-Match %s): %s\n",
        plan_id, last_method, status, tostring(etag), string.sub(body or "", 1, 300)))
    end
    etag = nil -- read the part again
  end
end

function done(summary, latency, requests)
  local gets, puts, p412, other = 0, 0, 0, 0
  local plans = {}
  for _, thread in ipairs(threads) do
    gets = gets + thread:get("gets_2xx")
    puts = puts + thread:get("puts_2xx")
    p412 = p412 + thread:get("puts_412")
    other = other + thread:get("other_non_2xx")
    plans[#plans + 1] = string.format('"%s":%d', thread:get("plan_id"), thread:get("puts_2xx"))
  end
  local fields = adtp_summary_fields(summary, latency)
  fields[#fields + 1] = string.format('"gets_2xx":%d', gets)
  fields[#fields + 1] = string.format('"puts_2xx":%d', puts)
  fields[#fields + 1] = string.format('"puts_412":%d', p412)
  fields[#fields + 1] = string.format('"other_non_2xx":%d', other)
  fields[#fields + 1] = '"puts_by_plan":{' .. table.concat(plans, ",") .. "}"
  adtp_print_summary(fields)
end
