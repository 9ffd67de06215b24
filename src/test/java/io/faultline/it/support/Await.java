package io.faultline.it.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline: the tests never wait a fixed time for a thing to happen. */
public final class Await {

    private Await() {
    }

    /** Checks the condition every {@code poll} until it holds; fails with the message at the deadline. */
    public static void until(Duration budget, Duration poll, BooleanSupplier condition, Supplier<String> message) {
        long deadline = System.nanoTime() + budget.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + budget + ": " + message.get());
            }
            pause(poll.toMillis());
        }
    }

    /** The interval between two checks of a condition. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
