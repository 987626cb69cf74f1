-- wrk script of the API benchmark (bench/api/run.sh). Every request carries the benchmark's API key,
-- read from the environment so it never shows on a command line. BENCH_MODE chooses the requests:
--   fixed  the same request every time (wrk's pre-built request: no per-request Lua)
--   cold   the path plus a query parameter no earlier request used, so no cache can answer it
--   ids    the path followed by a number from BENCH_ID_FIRST .. BENCH_ID_FIRST + BENCH_ID_COUNT - 1 in six
--          digits, spread over the range (the path holds the id's leading digits: Lua numbers are doubles)
--   patch  PATCH of such an id with a new note (a mutation: one UPDATE per request)
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")
local mode = os.getenv("BENCH_MODE") or "fixed"
local first = tonumber(os.getenv("BENCH_ID_FIRST") or "1")
local count = tonumber(os.getenv("BENCH_ID_COUNT") or "1")
local n = 0
local run = tostring(os.time()) .. tostring(math.random(1000000))

local function next_id()
  n = n + 1
  return string.format("%06d", first + (n * 7919) % count)
end

if mode == "cold" then
  local separator = wrk.path:find("?", 1, true) and "&" or "?"
  request = function()
    n = n + 1
    return wrk.format(nil, wrk.path .. separator .. "bench=" .. run .. "-" .. n)
  end
elseif mode == "ids" then
  request = function()
    return wrk.format(nil, wrk.path .. next_id())
  end
elseif mode == "patch" then
  wrk.headers["Content-Type"] = "application/json"
  request = function()
    local id = next_id()
    return wrk.format("PATCH", wrk.path .. id, nil, '{"notes":"benchmark note ' .. n .. '"}')
  end
end
