package io.faultline.correlation;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides a request's correlation id from its headers (contract section 2): X-Correlation-ID,
 * else X-Request-ID, else the trace-id of a valid W3C traceparent, else a new UUID. The first
 * header present decides; a value that fails validation is replaced by a new id, never used.
 */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-ID";
    public static final String REQUEST_ID_HEADER = "X-Request-ID";
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    private CorrelationIds() {
    }

    public static String resolve(String correlationId, String requestId, String traceparent) {
        if (present(correlationId)) {
            return validOrNew(correlationId);
        }
        if (present(requestId)) {
            return validOrNew(requestId);
        }
        if (present(traceparent)) {
            var match = TRACEPARENT.matcher(traceparent.trim());
            if (match.matches() && !ZERO_TRACE.equals(match.group(1)) && !ZERO_PARENT.equals(match.group(2))) {
                return match.group(1);
            }
        }
        return newId();
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The value if it is a valid id, else a new one. */
    public static String validOrNew(String value) {
        return isValid(value) ? value : newId();
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
