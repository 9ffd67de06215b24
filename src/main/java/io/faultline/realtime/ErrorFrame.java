package io.faultline.realtime;

import java.util.Map;

/**
 * An error frame: the connection stays open unless a close follows. {@code details} keep their
 * JSON types (a number stays a number); {@link ErrorFrameEncoder} writes it.
 */
public record ErrorFrame(Code code, String message, Map<String, ?> details, String correlationId) {

    /** Error codes of the feed; where the HTTP catalog has the same meaning, the same name. */
    public enum Code {
        MALFORMED_MESSAGE, UNKNOWN_MESSAGE_TYPE, VALIDATION_ERROR, PERMISSION_DENIED, RATE_LIMITED,
        SERVICE_UNAVAILABLE, INTERNAL_ERROR
    }
}
