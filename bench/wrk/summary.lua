-- Shared by the wrk scripts of bench/http_parts.py: at the end of a run, print one line
--   ADTP_WRK {"requests":..,"p50_us":..,...}
-- with exact figures (microseconds) for the driver to parse next to wrk's own text report.

function adtp_summary_fields(summary, latency)
  local e = summary.errors
  return {
    string.format('"requests":%d', summary.requests),
    string.format('"duration_us":%d', summary.duration),
    string.format('"bytes":%d', summary.bytes),
    string.format('"non_2xx_3xx":%d', e.status),
    string.format('"socket_errors":%d', e.connect + e.read + e.write + e.timeout),
    string.format('"timeouts":%d', e.timeout),
    string.format('"mean_us":%.1f', latency.mean),
    string.format('"p50_us":%d', latency:percentile(50.0)),
    string.format('"p90_us":%d', latency:percentile(90.0)),
    string.format('"p99_us":%d', latency:percentile(99.0)),
    string.format('"max_us":%d', latency.max),
  }
end

function adtp_print_summary(fields)
  io.write("ADTP_WRK {" .. table.concat(fields, ",") .. "}\n")
end

function done(summary, latency, requests)
  adtp_print_summary(adtp_summary_fields(summary, latency))
end
