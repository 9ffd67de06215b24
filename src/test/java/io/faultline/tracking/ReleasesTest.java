package io.faultline.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReleasesTest {

    @Test
    void numbersCompareAsNumbers() {
        assertTrue(Releases.isOlder("1.9.2", "1.10.0"));
        assertFalse(Releases.isOlder("1.10.0", "1.9.2"));
        assertFalse(Releases.isOlder("2.0.0", "2.0.0"));
    }

    @Test
    void preReleasesComeBeforeTheRelease() {
        assertTrue(Releases.isOlder("2.0.0-rc1", "2.0.0"));
        assertFalse(Releases.isOlder("2.0.1", "2.0.0-rc1"));
    }

    @Test
    void unknownReleasesAreNeverOlder() {
        assertFalse(Releases.isOlder(null, "1.0"));
        assertFalse(Releases.isOlder("1.0", null));
    }
}
