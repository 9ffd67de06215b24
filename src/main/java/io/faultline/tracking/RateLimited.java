package io.faultline.tracking;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * A project's event rate limit is exceeded: a 429 whose {@code RateLimit-Policy} and
 * {@code RateLimit} headers say the same as on every 202, so that a client reads one set of
 * headers whatever the answer.
 */
public class RateLimited extends ProblemException {

    private final Map<String, String> headers;

    RateLimited(long waitSeconds, long limit, long ratePerSecond, String policy, String rateLimit) {
        super(ErrorCode.RATE_LIMITED, "The project's event rate limit is exceeded; retry after " + waitSeconds + " s",
                Map.of("retryAfterSeconds", waitSeconds, "limit", limit, "ratePerSecond", ratePerSecond),
                List.of(), waitSeconds);
        this.headers = Map.of("RateLimit-Policy", policy, "RateLimit", rateLimit);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
