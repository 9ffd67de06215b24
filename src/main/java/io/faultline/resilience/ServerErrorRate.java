package io.faultline.resilience;

import io.faultline.correlation.RequestCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Requests and 5xx answers over the last five minutes, in ten-second slots, for
 * {@code /api/ops/system-health}. A slot is replaced whole when its ten seconds come round
 * again, never reset in place: a request counted while another thread moves the slot on lands
 * in the slot of its own time, and is not lost.
 */
@ApplicationScoped
public class ServerErrorRate {

    static final int WINDOW_SECONDS = 300;
    private static final int SLOT_SECONDS = 10;
    private static final int SLOTS = WINDOW_SECONDS / SLOT_SECONDS;

    private final LongSupplier clockMillis;
    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

    /** Requests and 5xx answers in the window. */
    public record Figures(long requests, long serverErrors) {
        public double rate() {
            return requests == 0 ? 0 : (double) serverErrors / requests;
        }
    }

    private record Slot(long number, LongAdder requests, LongAdder serverErrors) {
        Slot(long number) {
            this(number, new LongAdder(), new LongAdder());
        }
    }

    public ServerErrorRate() {
        this(System::currentTimeMillis);
    }

    ServerErrorRate(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    void count(@Observes RequestCompleted completed) {
        count(completed.status());
    }

    void count(int status) {
        long number = clockMillis.getAsLong() / 1000 / SLOT_SECONDS;
        int index = (int) (number % SLOTS);
        Slot slot = slots.get(index);
        while (slot == null || slot.number() < number) {
            Slot fresh = new Slot(number);
            slot = slots.compareAndSet(index, slot, fresh) ? fresh : slots.get(index);
        }
        if (slot.number() != number) {
            return; // a request from more than five minutes ago: outside the window already
        }
        slot.requests().increment();
        if (status >= 500) {
            slot.serverErrors().increment();
        }
    }

    public Figures lastFiveMinutes() {
        long current = clockMillis.getAsLong() / 1000 / SLOT_SECONDS;
        long total = 0;
        long errors = 0;
        for (int i = 0; i < SLOTS; i++) {
            Slot slot = slots.get(i);
            if (slot != null && current - slot.number() < SLOTS) {
                total += slot.requests().sum();
                errors += slot.serverErrors().sum();
            }
        }
        return new Figures(total, errors);
    }
}
