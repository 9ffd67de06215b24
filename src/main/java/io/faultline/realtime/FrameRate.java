package io.faultline.realtime;

/**
 * How fast one client may send frames: a token bucket of {@code framesPerSecond}, and a count of
 * frames refused, so that repeated abuse can close the connection.
 */
final class FrameRate {

    private final double perNano;
    private final double capacity;
    private final int abuseLimit;
    private double tokens;
    private long updated = System.nanoTime();
    private int refused;

    FrameRate(int framesPerSecond, int abuseLimit) {
        this.perNano = framesPerSecond / 1e9;
        this.capacity = framesPerSecond;
        this.tokens = framesPerSecond;
        this.abuseLimit = abuseLimit;
    }

    /** Whether the frame may be handled now. */
    synchronized boolean allow() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - updated) * perNano);
        updated = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        refused++;
        return false;
    }

    /** Whether the client has been refused often enough to be disconnected. */
    synchronized boolean abusive() {
        return refused >= abuseLimit;
    }
}
