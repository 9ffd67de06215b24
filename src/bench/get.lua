-- GET of one path (wrk's default), with the same reporting as the intake scripts.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format("requests_per_second=%.0f\n", summary.requests / seconds))
  io.write(string.format("non_2xx_or_errors=%d\n", summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({50, 99}) do
    io.write(string.format("p%d_ms=%.2f\n", p, latency:percentile(p) / 1000))
  end
end
