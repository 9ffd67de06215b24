package io.faultline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceNameTest {

    private static InstanceName named(String configured) {
        InstanceName name = new InstanceName();
        name.configured = Optional.ofNullable(configured);
        name.validate();
        return name;
    }

    @Test
    void aConfiguredNameIsUsedAsItIs() {
        assertEquals("faultline-0.eu_west", named("faultline-0.eu_west").get());
    }

    @Test
    void withoutOneEachStartHasANameOfItsOwnThatValidationKeeps() {
        InstanceName first = named(null);
        String given = first.get();
        assertTrue(given.matches("[A-Za-z0-9._-]{1,57}-[0-9a-f]{6}"), given);
        first.validate();
        assertEquals(given, first.get(), "validated again at startup: the name must not change");
        assertNotEquals(given, named(null).get(), "a restart is another owner of leases");
    }

    @Test
    void namesThatCannotBeALeaseOwnerAreRefused() {
        for (String bad : new String[] {"", "two words", "x".repeat(65), "pod/1", "naïve"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> named(bad), bad);
            assertTrue(refused.getMessage().startsWith("faultline.instance.name "), refused.getMessage());
        }
    }
}
