-- wrk script: cycle through the request paths in $WRK_PATHS (one per line) and print the
-- figures as one JSON line (wrk's own summary has no 95th percentile).
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  paths[#paths + 1] = line
end
local counter = 0

-- WRK_UNIQUE=1: each request's query string gets its own counter, so no cache has seen it.
local unique = os.getenv("WRK_UNIQUE") == "1"

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if unique then
    path = path .. (path:find("?", 1, true) and "&" or "?") .. "request=" .. counter
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"non2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(95), e.status, e.connect + e.read + e.write + e.timeout))
end
