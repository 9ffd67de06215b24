package io.faultline.sentry;

import io.faultline.problem.ProblemException;
import io.faultline.tracking.RateLimited;
import java.util.HashMap;
import java.util.Map;

/**
 * A rate-limited report to a Sentry endpoint: the same 429 problem, plus the
 * {@code X-Sentry-Rate-Limits} header (wait:categories:scope) that makes an SDK stop sending
 * events itself until the wait is over, instead of sending each one to be refused.
 */
class SentryRateLimited extends ProblemException {

    private final Map<String, String> headers;

    SentryRateLimited(RateLimited limited) {
        super(limited.code(), limited.getMessage(), limited.details(), limited.violations(), limited.retryAfterSeconds());
        Map<String, String> all = new HashMap<>(limited.headers());
        all.put("X-Sentry-Rate-Limits", limited.retryAfterSeconds() + ":error:project");
        this.headers = Map.copyOf(all);
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
