package io.faultline.logging;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** A query string fit for a log: values of sensitive keys replaced, and its length bounded. */
public final class QueryRedaction {

    public static final String REDACTED = "[REDACTED]";
    static final int MAX_LENGTH = 2048;

    private QueryRedaction() {
    }

    public static String redact(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        StringBuilder safe = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (safe.length() > 0) {
                safe.append('&');
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (equals >= 0 && SensitiveKeys.isSensitive(decode(key))) {
                safe.append(key).append('=').append(REDACTED);
            } else {
                safe.append(pair);
            }
            if (safe.length() > MAX_LENGTH) {
                return safe.substring(0, MAX_LENGTH) + "...";
            }
        }
        return safe.toString();
    }

    private static String decode(String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return key;
        }
    }
}
