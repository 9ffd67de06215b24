package io.faultline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodedSlashFilterTest {

    @ParameterizedTest
    @CsvSource({"/problems/a%2Fb, true", "/problems/a%2fb, true", "/x/%5C, true", "/x/%5c/y, true",
        "/api/errors/report, false", "/problems/%20%3C, false", "/x/%2, false", "/x/%, false", "/x/%25%2F, true",
        "/x/%252F, false"})
    void findsEncodedSlashesAndBackslashes(String rawPath, boolean refused) {
        assertEquals(refused, EncodedSlashFilter.holdsEncodedSlash(rawPath));
    }
}
