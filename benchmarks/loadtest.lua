-- wrk script for ``python -m benchmarks.loadtest``: one parseable line at the end of a run.
--
-- wrk counts only statuses of 400 and above as errors; this counts every
-- response outside 2xx (a redirect is a failure here too). wrk runs each
-- thread in a Lua state of its own, so the counters are per thread and done()
-- sums them through the thread objects kept by setup().

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    non2xx = 0
    first_bad_status = 0
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if first_bad_status == 0 then
            first_bad_status = status
        end
    end
end

function done(summary, latency, requests)
    local non2xx_total, first_bad = 0, 0
    for _, thread in ipairs(threads) do
        non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
        local status = thread:get("first_bad_status") or 0
        if first_bad == 0 then
            first_bad = status
        end
    end
    local errors = summary.errors
    io.write(string.format(
        'LOADTEST_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, "first_bad_status": %d, '
            .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "status_errors": %d, '
            .. '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "min_us": %d, "max_us": %d, '
            .. '"mean_us": %.1f, "stdev_us": %.1f}\n',
        summary.requests, summary.duration, summary.bytes, non2xx_total, first_bad,
        errors.connect, errors.read, errors.write, errors.timeout, errors.status,
        latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
        latency.min, latency.max, latency.mean, latency.stdev
    ))
end
