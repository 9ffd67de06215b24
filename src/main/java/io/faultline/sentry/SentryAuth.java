package io.faultline.sentry;

/**
 * The public key a Sentry SDK sends: in {@code X-Sentry-Auth: Sentry sentry_key=..., sentry_version=7, ...},
 * in {@code Authorization} with the same value (older SDKs), or as the {@code sentry_key} query
 * parameter (browsers' SDKs, which cannot set headers on every request).
 */
final class SentryAuth {

    private static final String SCHEME = "Sentry ";
    private static final String KEY = "sentry_key";

    private SentryAuth() {
    }

    /** The key, or null when none is given. */
    static String keyOf(String sentryAuth, String authorization, String queryKey) {
        String key = fromHeader(sentryAuth);
        if (key == null) {
            key = fromHeader(authorization);
        }
        if (key == null && queryKey != null && !queryKey.isBlank()) {
            key = queryKey.trim();
        }
        return key;
    }

    private static String fromHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        for (String pair : header.substring(SCHEME.length()).split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equals(KEY)) {
                String value = pair.substring(equals + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
