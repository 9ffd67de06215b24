package io.faultline.tracking;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemClassifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A token bucket per project for the whole cluster: {@code faultline.ingest.rate-per-second}
 * tokens a second up to {@code faultline.ingest.burst}; each event takes one. The bucket is a
 * database row ({@link RateBuckets}); each instance leases tokens from it in chunks of a tenth of
 * a second's worth and spends them in memory, so intake reaches the database once a chunk, and
 * several instances together exceed the limit by at most a chunk each. Leased tokens not spent
 * within a second lapse. An empty bucket answers 429 with Retry-After and the IETF RateLimit and
 * RateLimit-Policy headers. While the database cannot lease, each instance limits on a bucket of
 * its own, as one instance alone would.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class.getName());
    private static final long LEASE_NANOS = 1_000_000_000L;

    @Inject
    IntakeConfig config;

    @Inject
    RateBuckets buckets;

    private final Map<Long, Allowance> allowances = new ConcurrentHashMap<>();
    private final Map<Long, Bucket> alone = new ConcurrentHashMap<>();

    /** Where a project's bucket stands. */
    public record Status(long limit, long remaining, long resetSeconds, long ratePerSecond) {
    }

    public Status take(long projectId, int tokens) {
        IntakeConfig.Limits limits = config.limits();
        Allowance allowance = allowances.computeIfAbsent(projectId, id -> new Allowance());
        synchronized (allowance) {
            long now = System.nanoTime();
            if (allowance.held(now) < tokens) {
                try {
                    RateBuckets.Lease lease = lease(projectId, Math.max(tokens, chunk(limits)) - allowance.held(now), limits);
                    allowance.add(lease, now);
                } catch (RuntimeException unavailable) {
                    LOG.log(Level.FINE, "Cannot lease tokens; limiting on this instance's own bucket", unavailable);
                    return takeAlone(projectId, tokens, limits);
                }
            }
            long available = allowance.held(now) + allowance.left;
            if (allowance.held(now) < tokens) {
                long wait = Math.max(1, secondsUntil(tokens - available, limits.ratePerSecond()));
                throw new RateLimited(wait, limits.burst(), limits.ratePerSecond(), policyHeader(),
                        rateLimitHeader(new Status(limits.burst(), available, wait, limits.ratePerSecond())));
            }
            allowance.held -= tokens;
            return status(limits, available - tokens);
        }
    }

    /** Where the project's bucket stands for the whole cluster, with what this instance holds of it. */
    public Status status(long projectId) {
        IntakeConfig.Limits limits = config.limits();
        Allowance allowance = allowances.get(projectId);
        long held = allowance == null ? 0 : allowance.heldNow();
        try {
            return status(limits, Math.min(limits.burst(), held + buckets.available(projectId, limits.ratePerSecond(), limits.burst())));
        } catch (RuntimeException unavailable) {
            Bucket bucket = alone.computeIfAbsent(projectId, id -> new Bucket(limits.burst(), limits.ratePerSecond()));
            return status(limits, bucket.available());
        }
    }

    /** The RateLimit-Policy header value (draft-ietf-httpapi-ratelimit-headers). */
    public String policyHeader() {
        return "\"ingest\";q=" + config.limits().burst() + ";w=" + Math.max(1, config.limits().burst() / config.limits().ratePerSecond());
    }

    public static String rateLimitHeader(Status status) {
        return "\"ingest\";r=" + status.remaining() + ";t=" + status.resetSeconds();
    }

    private static Status status(IntakeConfig.Limits limits, long remaining) {
        return new Status(limits.burst(), remaining, secondsUntil(limits.burst() - remaining, limits.ratePerSecond()),
                limits.ratePerSecond());
    }

    /** A tenth of a second's worth, within the burst: small enough to share, large enough to spare the database. */
    static long chunk(IntakeConfig.Limits limits) {
        return Math.max(1, Math.min(limits.ratePerSecond(), limits.burst()) / 10);
    }

    private RateBuckets.Lease lease(long projectId, long wanted, IntakeConfig.Limits limits) {
        try {
            return buckets.lease(projectId, wanted, limits.ratePerSecond(), limits.burst());
        } catch (RuntimeException e) {
            if (ProblemClassifier.classify(e).code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            // Another instance made the project's bucket at the same moment: it is there now.
            return buckets.lease(projectId, wanted, limits.ratePerSecond(), limits.burst());
        }
    }

    private Status takeAlone(long projectId, int tokens, IntakeConfig.Limits limits) {
        Bucket bucket = alone.computeIfAbsent(projectId, id -> new Bucket(limits.burst(), limits.ratePerSecond()));
        if (!bucket.tryTake(tokens)) {
            long wait = bucket.secondsUntil(tokens);
            throw new RateLimited(wait, limits.burst(), limits.ratePerSecond(), policyHeader(),
                    rateLimitHeader(new Status(limits.burst(), bucket.available(), wait, limits.ratePerSecond())));
        }
        return status(limits, bucket.available());
    }

    private static long secondsUntil(long missing, long perSecond) {
        return missing <= 0 ? 0 : Math.max(1, (missing + perSecond - 1) / perSecond);
    }

    /** The tokens this instance leased and has not spent, until they lapse; and what the bucket had left then. */
    private static final class Allowance {
        long held;
        long left;
        private long lapsesAt;

        long held(long now) {
            if (now - lapsesAt > 0) {
                held = 0;
            }
            return held;
        }

        synchronized long heldNow() {
            return held(System.nanoTime());
        }

        void add(RateBuckets.Lease lease, long now) {
            held += lease.granted();
            left = lease.left();
            lapsesAt = now + LEASE_NANOS;
        }
    }

    /** A bucket in memory, for when the database cannot lease. */
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
