package io.faultline.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameRateTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final FrameRate rate = new FrameRate(20, 20, now::get);

    @Test
    void aFloodIsAbusiveAtOnce() {
        int allowed = 0;
        for (int i = 0; i < 40; i++) {
            allowed += rate.allow() ? 1 : 0;
        }
        assertEquals(20, allowed);
        assertTrue(rate.abusive());
    }

    @Test
    void aConsoleThatBurstsNowAndThenIsNeverAbusive() {
        // An hour of bursts of 35 frames once a minute: 15 refused each time, forgiven before the next.
        for (int minute = 0; minute < 60; minute++) {
            for (int i = 0; i < 35; i++) {
                rate.allow();
            }
            assertFalse(rate.abusive(), "closed in minute " + minute);
            now.addAndGet(60 * SECOND);
        }
    }

    @ParameterizedTest
    @CsvSource({"19, false", "21, false", "25, true", "40, true"})
    void onlyASustainedRateAboveTheLimitIsAbusive(int framesPerSecond, boolean abusive) {
        boolean closed = false;
        for (int tick = 0; tick < 120 * framesPerSecond && !closed; tick++) {
            now.addAndGet(SECOND / framesPerSecond);
            rate.allow();
            closed = rate.abusive();
        }
        assertEquals(abusive, closed);
    }

    @Test
    void refusalsAreForgivenOneASecond() {
        for (int i = 0; i < 39; i++) {
            rate.allow();
        }
        assertFalse(rate.abusive(), "19 refused");
        now.addAndGet(10 * SECOND);
        // 10 forgiven: 9 left; 20 tokens back, then 11 more refusals reach 20.
        for (int i = 0; i < 30; i++) {
            rate.allow();
        }
        assertFalse(rate.abusive(), "19 refused after forgiveness");
        rate.allow();
        assertTrue(rate.abusive());
    }
}
