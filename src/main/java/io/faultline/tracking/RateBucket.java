package io.faultline.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** A project's token bucket, shared by every instance: tokens as of a moment, refilled on read. */
@Entity
@Table(name = "RATE_BUCKET")
public class RateBucket {

    @Id
    @Column(name = "PROJECT_ID")
    Long projectId;

    @Column(nullable = false)
    double tokens;

    @Column(name = "UPDATED_AT", nullable = false)
    Instant updatedAt;

    protected RateBucket() {
    }

    RateBucket(long projectId, long burst, Instant now) {
        this.projectId = projectId;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** The tokens the bucket holds now: what it held, and what the rate added since, up to the burst. */
    double tokensAt(Instant now, long ratePerSecond, long burst) {
        double elapsed = Math.max(0, Duration.between(updatedAt, now).toNanos() / 1e9);
        return Math.min(burst, tokens + elapsed * ratePerSecond);
    }

    /** Takes up to {@code wanted} whole tokens; what is granted, and what is left. */
    long take(long wanted, Instant now, long ratePerSecond, long burst) {
        double available = tokensAt(now, ratePerSecond, burst);
        long granted = Math.min(wanted, (long) Math.floor(available));
        tokens = available - granted;
        // Never back: time already refilled for must not be refilled for twice.
        if (now.isAfter(updatedAt)) {
            updatedAt = now;
        }
        return granted;
    }
}
