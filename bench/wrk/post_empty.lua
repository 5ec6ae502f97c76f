-- POST with an empty body, for bench/request_floor.py's write floor: the path says what to do.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "summary.lua")

wrk.method = "POST"
wrk.headers["Content-Length"] = "0"
