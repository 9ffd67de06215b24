package io.faultline.resilience;

import io.faultline.correlation.RequestCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Requests and 5xx answers over the last five minutes, in ten-second slots, for
 * {@code /api/ops/system-health}.
 */
@ApplicationScoped
public class ServerErrorRate {

    static final int WINDOW_SECONDS = 300;
    private static final int SLOT_SECONDS = 10;
    private static final int SLOTS = WINDOW_SECONDS / SLOT_SECONDS;

    private final AtomicLongArray slotStart = new AtomicLongArray(SLOTS);
    private final AtomicLongArray requests = new AtomicLongArray(SLOTS);
    private final AtomicLongArray serverErrors = new AtomicLongArray(SLOTS);

    /** Requests and 5xx answers in the window. */
    public record Figures(long requests, long serverErrors) {
        public double rate() {
            return requests == 0 ? 0 : (double) serverErrors / requests;
        }
    }

    void count(@Observes RequestCompleted completed) {
        long slot = System.currentTimeMillis() / 1000 / SLOT_SECONDS;
        int index = (int) (slot % SLOTS);
        long seen = slotStart.get(index);
        if (seen != slot && slotStart.compareAndSet(index, seen, slot)) {
            requests.set(index, 0);
            serverErrors.set(index, 0);
        }
        requests.incrementAndGet(index);
        if (completed.status() >= 500) {
            serverErrors.incrementAndGet(index);
        }
    }

    public Figures lastFiveMinutes() {
        long current = System.currentTimeMillis() / 1000 / SLOT_SECONDS;
        long total = 0;
        long errors = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (current - slotStart.get(i) < SLOTS) {
                total += requests.get(i);
                errors += serverErrors.get(i);
            }
        }
        return new Figures(total, errors);
    }
}
