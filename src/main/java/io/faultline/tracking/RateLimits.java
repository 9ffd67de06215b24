package io.faultline.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per project: {@code faultline.ingest.rate-per-second} tokens a second up to
 * {@code faultline.ingest.burst}; each event takes one. An empty bucket answers 429 with
 * Retry-After and the IETF RateLimit and RateLimit-Policy headers.
 */
@ApplicationScoped
public class RateLimits {

    @Inject
    IntakeConfig config;

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** Where a project's bucket stands. */
    public record Status(long limit, long remaining, long resetSeconds, long ratePerSecond) {
    }

    public Status take(long projectId, int tokens) {
        Bucket bucket = buckets.computeIfAbsent(projectId, id -> new Bucket(config.limits().burst(), config.limits().ratePerSecond()));
        if (!bucket.tryTake(tokens)) {
            long wait = bucket.secondsUntil(tokens);
            throw new RateLimited(wait, config.limits().burst(), config.limits().ratePerSecond(), policyHeader(),
                    rateLimitHeader(new Status(config.limits().burst(), bucket.available(), wait, config.limits().ratePerSecond())));
        }
        return status(projectId);
    }

    public Status status(long projectId) {
        Bucket bucket = buckets.computeIfAbsent(projectId, id -> new Bucket(config.limits().burst(), config.limits().ratePerSecond()));
        return new Status(config.limits().burst(), bucket.available(), bucket.secondsUntil(config.limits().burst()), config.limits().ratePerSecond());
    }

    /** The RateLimit-Policy header value (draft-ietf-httpapi-ratelimit-headers). */
    public String policyHeader() {
        return "\"ingest\";q=" + config.limits().burst() + ";w=" + Math.max(1, config.limits().burst() / config.limits().ratePerSecond());
    }

    public static String rateLimitHeader(Status status) {
        return "\"ingest\";r=" + status.remaining() + ";t=" + status.resetSeconds();
    }

    static final class Bucket {
        private final long capacity;
        private final double perNano;
        private double tokens;
        private long updated = System.nanoTime();

        Bucket(long capacity, long perSecond) {
            this.capacity = capacity;
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
        }

        synchronized boolean tryTake(int n) {
            refill();
            if (tokens >= n) {
                tokens -= n;
                return true;
            }
            return false;
        }

        synchronized long available() {
            refill();
            return (long) tokens;
        }

        synchronized long secondsUntil(long n) {
            refill();
            double missing = Math.min(n, capacity) - tokens;
            return missing <= 0 ? 0 : Math.max(1, (long) Math.ceil(missing / perNano / 1e9));
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
