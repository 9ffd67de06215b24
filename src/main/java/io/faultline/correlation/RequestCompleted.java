package io.faultline.correlation;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Fired synchronously once per request after the response is complete, on the serving thread,
 * for the access log and the request metrics.
 */
public record RequestCompleted(RequestContext context, HttpServletRequest request, int status, long durationNanos) {

    public double durationMillis() {
        return durationNanos / 1_000_000.0;
    }
}
