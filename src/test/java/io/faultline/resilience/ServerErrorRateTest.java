package io.faultline.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerErrorRateTest {

    private static final long SLOT_MILLIS = 10_000;

    @Test
    void noCountIsLostWhileManyThreadsCrossSlotBoundaries() throws InterruptedException {
        int threads = 8;
        int perThread = 50_000;
        // Every 20,000 requests the clock enters the next ten-second slot: twenty boundaries,
        // each crossed while the other threads keep counting.
        AtomicLong calls = new AtomicLong();
        ServerErrorRate rate = new ServerErrorRate(() -> calls.getAndIncrement() / 20_000 * SLOT_MILLIS);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    rate.count(i % 10 == 0 ? 503 : 200);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        ServerErrorRate.Figures figures = rate.lastFiveMinutes();
        assertEquals((long) threads * perThread, figures.requests());
        assertEquals((long) threads * perThread / 10, figures.serverErrors());
    }

    @Test
    void countsOlderThanFiveMinutesLeaveTheWindow() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        ServerErrorRate rate = new ServerErrorRate(now::get);
        rate.count(500);
        rate.count(200);
        assertEquals(new ServerErrorRate.Figures(2, 1), rate.lastFiveMinutes());
        now.addAndGet(ServerErrorRate.WINDOW_SECONDS * 1000L - SLOT_MILLIS);
        rate.count(200);
        assertEquals(new ServerErrorRate.Figures(3, 1), rate.lastFiveMinutes());
        now.addAndGet(SLOT_MILLIS);
        assertEquals(new ServerErrorRate.Figures(1, 0), rate.lastFiveMinutes());
        assertEquals(0.0, rate.lastFiveMinutes().rate());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
