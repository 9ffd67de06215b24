package io.faultline.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownGroupsTest {

    @Test
    void theLeastRecentlyUsedGroupIsForgottenFirst() {
        KnownGroups known = new KnownGroups(3);
        known.putAll(Map.of("1:a", 1L));
        known.putAll(Map.of("1:b", 2L));
        known.putAll(Map.of("1:c", 3L));
        assertEquals(1L, known.get("1:a"));
        known.putAll(Map.of("1:d", 4L));
        assertEquals(3, known.size());
        assertNull(known.get("1:b"), "b was used least recently");
        assertNotNull(known.get("1:a"));
        assertNotNull(known.get("1:d"));
    }

    @Test
    void heapStaysFlatWhile100000DistinctFingerprintsArrive() {
        KnownGroups known = new KnownGroups(KnownGroups.MAX);
        feed(known, 0, KnownGroups.MAX);
        long full = heapAfterGc();
        feed(known, KnownGroups.MAX, 100_000);
        long after = heapAfterGc();
        assertEquals(KnownGroups.MAX, known.size());
        // Unbounded, the 90,000 more keys and ids would hold about 15 MB.
        assertTrue(after - full < 3 * 1024 * 1024, "heap grew by " + (after - full) / 1024 + " KiB");
    }

    private static void feed(KnownGroups known, int from, int to) {
        for (int i = from; i < to; i++) {
            known.putAll(Map.of(EventBatches.GroupKey.of(7, fingerprint(i)), (long) i));
        }
    }

    /** As long as a real fingerprint: a SHA-256 in hex. */
    private static String fingerprint(int i) {
        return String.format("%064x", i);
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
