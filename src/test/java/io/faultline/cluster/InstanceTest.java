package io.faultline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceTest {

    private static Instance named(String configured) {
        Instance instance = new Instance();
        instance.configured = Optional.ofNullable(configured);
        instance.validate();
        return instance;
    }

    @Test
    void aConfiguredIdIsUsedAsItIs() {
        Instance instance = named("faultline-0.eu_west");
        assertEquals("faultline-0.eu_west", instance.id());
        assertTrue(instance.life().matches("faultline-0\\.eu_west-[0-9a-f]{6}"), instance.life());
    }

    @Test
    void withoutOneTheIdIsTheHostName() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        assertEquals(host.replaceAll("[^A-Za-z0-9._-]", "-"), named(null).id());
    }

    @Test
    void eachStartIsALifeOfItsOwnThatValidationKeeps() {
        Instance first = named("pod-1");
        String life = first.life();
        first.validate();
        assertEquals(life, first.life(), "validated again at startup: the life must not change");
        Instance again = named("pod-1");
        assertEquals(first.id(), again.id());
        assertNotEquals(life, again.life(), "a restart, or another instance given the same id, owns other leases");
    }

    @Test
    void idsThatCannotNameAnInstanceAreRefused() {
        for (String bad : new String[] {"", "two words", "x".repeat(58), "pod/1", "naïve"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> named(bad), bad);
            assertTrue(refused.getMessage().startsWith("faultline.instance.id "), refused.getMessage());
        }
    }
}
