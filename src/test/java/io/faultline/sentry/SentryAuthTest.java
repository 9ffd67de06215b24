package io.faultline.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentryAuthTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "Sentry sentry_key=k1, sentry_version=7, sentry_client=sentry.java/8.63.0 | null | null | k1",
        "Sentry sentry_version=7,sentry_key=k2                                    | null | null | k2",
        "null | Sentry sentry_key=k3, sentry_version=7 | null | k3",
        "null | Bearer fl_x                             | k4   | k4",
        "Sentry sentry_version=7                        | null | null | null",
        "Basic a2V5                                     | null | null | null",
        "Sentry sentry_key=, sentry_version=7           | null | k5   | k5"})
    void theKeyComesFromTheHeaderTheOlderHeaderOrTheQuery(String sentryAuth, String authorization, String query, String key) {
        assertEquals(key, SentryAuth.keyOf(sentryAuth, authorization, query));
    }
}
