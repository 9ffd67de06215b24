package io.faultline.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventIdsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "9ec79c33ec9942ab8353589fcb2e04dc, 9ec79c33ec9942ab8353589fcb2e04dc",
        "9EC79C33EC9942AB8353589FCB2E04DC, 9ec79c33ec9942ab8353589fcb2e04dc",
        "9ec79c33-ec99-42ab-8353-589fcb2e04dc, 9ec79c33ec9942ab8353589fcb2e04dc",
        "9ec79c33ec9942ab8353589fcb2e04d, null", "9ec79c33ec9942ab8353589fcb2e04dcx, null",
        "9ec79c33-ec99-42ab-8353589f-cb2e04dc, null", "zec79c33ec9942ab8353589fcb2e04dc, null", "null, null"})
    void hexAndUuidFormsAreOneId(String given, String normalized) {
        assertEquals(normalized, EventIds.normalized(given));
    }
}
