package io.faultline.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryRedactionTest {

    @Test
    void sensitiveValuesAreRedactedAndOthersKept() {
        assertEquals("q=disk&token=[REDACTED]&limit=5&api%5Fkey=[REDACTED]",
                QueryRedaction.redact("q=disk&token=abc123&limit=5&api%5Fkey=s3cr3t"));
    }

    @Test
    void keysWithoutValuesAndEmptyQueries() {
        assertEquals("flag&password=[REDACTED]", QueryRedaction.redact("flag&password="));
        assertNull(QueryRedaction.redact(""));
        assertNull(QueryRedaction.redact(null));
    }

    @Test
    void longQueriesAreBounded() {
        String redacted = QueryRedaction.redact("q=" + "x".repeat(10_000));
        assertTrue(redacted.length() <= QueryRedaction.MAX_LENGTH + 3);
    }
}
