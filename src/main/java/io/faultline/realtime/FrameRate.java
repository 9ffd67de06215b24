package io.faultline.realtime;

import java.util.function.LongSupplier;

/**
 * How fast one client may send frames: a token bucket of {@code framesPerSecond}, and a count of
 * frames refused that forgives one refusal a second. A console that bursts now and then is
 * told {@code RATE_LIMITED} and carries on; only a client that keeps sending faster than the
 * limit reaches {@code abuseLimit} and is disconnected.
 */
final class FrameRate {

    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier clock;
    private final double perNano;
    private final double capacity;
    private final int abuseLimit;
    private double tokens;
    private long updated;
    private int refused;
    /** Whole seconds from here on forgive one refusal each; set at the first refusal of a run. */
    private long forgivingSince;

    FrameRate(int framesPerSecond, int abuseLimit) {
        this(framesPerSecond, abuseLimit, System::nanoTime);
    }

    FrameRate(int framesPerSecond, int abuseLimit, LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.perNano = framesPerSecond / 1e9;
        this.capacity = framesPerSecond;
        this.tokens = framesPerSecond;
        this.abuseLimit = abuseLimit;
        this.updated = nanoClock.getAsLong();
    }

    /** Whether the frame may be handled now. */
    synchronized boolean allow() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updated) * perNano);
        updated = now;
        forgive(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        if (refused == 0) {
            forgivingSince = now;
        }
        refused++;
        return false;
    }

    /**
     * In whole seconds, so that a burst within one second counts every refusal: a flood is
     * closed after exactly {@code abuseLimit} refusals, whatever the machine's speed.
     */
    private void forgive(long now) {
        long seconds = refused == 0 ? 0 : (now - forgivingSince) / SECOND;
        if (seconds > 0) {
            refused = (int) Math.max(0, refused - seconds);
            forgivingSince += seconds * SECOND;
        }
    }

    /** Whether the client has been refused often enough, lately, to be disconnected. */
    synchronized boolean abusive() {
        return refused >= abuseLimit;
    }
}
