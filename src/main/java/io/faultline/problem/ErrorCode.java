package io.faultline.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The error catalog: every code Faultline emits, each with exactly one HTTP status.
 * {@code type} URIs, {@code /problems/{code}} and {@code /api/error-codes} are all derived from it.
 */
public enum ErrorCode {
    PARSE_ERROR(400, "Malformed request body", false,
            "The body is not parseable JSON, or a value has the wrong JSON type."),
    INVALID_PARAMETER(400, "Invalid parameter", false,
            "A query, path or header parameter is missing or invalid."),
    UNAUTHENTICATED(401, "Authentication required", false,
            "The request carries no credentials."),
    AUTHENTICATION_FAILED(401, "Authentication failed", false,
            "Credentials or a key were given but are not valid."),
    PERMISSION_DENIED(403, "Permission denied", false,
            "The caller is authenticated but not allowed to do this."),
    NOT_FOUND(404, "Resource not found", false,
            "No route matches the path, or the resource does not exist."),
    METHOD_NOT_ALLOWED(405, "Method not allowed", false,
            "The route exists but does not support this method; see the Allow header."),
    NOT_ACCEPTABLE(406, "Not acceptable", false,
            "No representation of the resource matches the Accept header."),
    CONFLICT(409, "Conflict", false,
            "The request conflicts with the current state: an illegal transition or a concurrent update."),
    ALREADY_EXISTS(409, "Already exists", false,
            "A resource with the same unique key already exists."),
    PAYLOAD_TOO_LARGE(413, "Payload too large", false,
            "The request body is larger than the configured limit."),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", false,
            "The request's Content-Type is not one this route accepts."),
    VALIDATION_ERROR(422, "Validation failed", false,
            "The body is well-formed but fails validation; 'errors' lists every failed constraint."),
    RATE_LIMITED(429, "Too many requests", true,
            "A rate limit was exceeded; retry after the number of seconds in Retry-After."),
    INTERNAL_ERROR(500, "Internal server error", true,
            "Something unexpected failed; the correlation id finds the full log record."),
    EXTERNAL_SERVICE_ERROR(502, "Downstream service failed", true,
            "A call to a downstream service failed."),
    SERVICE_UNAVAILABLE(503, "Service unavailable", true,
            "The service sheds load, a bulkhead is full, a circuit is open, or it is shutting down."),
    DATABASE_UNAVAILABLE(503, "Database unavailable", true,
            "The database cannot be reached."),
    TIMEOUT(504, "Timeout", true,
            "An operation exceeded its time budget.");

    private final int status;
    private final String title;
    private final boolean retryable;
    private final String description;

    ErrorCode(int status, String title, boolean retryable, String description) {
        this.status = status;
        this.title = title;
        this.retryable = retryable;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public boolean retryable() {
        return retryable;
    }

    public String description() {
        return description;
    }

    /** The code in lower-kebab-case, as it appears at the end of a problem {@code type}. */
    public String kebab() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * What is wrong with the catalog, or nothing: a status outside 4xx and 5xx, a blank title or
     * description, two codes with one kebab name (one {@code type} URI for both), or a status
     * whose default code has another status. The startup check is DOWN while this is not empty.
     */
    public static List<String> inconsistencies() {
        List<String> wrong = new ArrayList<>();
        Set<String> kebabs = new HashSet<>();
        for (ErrorCode code : values()) {
            if (code.status < 400 || code.status > 599) {
                wrong.add(code + " has status " + code.status);
            }
            if (code.title.isBlank() || code.description.isBlank()) {
                wrong.add(code + " has no title or description");
            }
            if (!kebabs.add(code.kebab())) {
                wrong.add(code + " shares its type URI");
            }
            if (forStatus(code.status).status != code.status) {
                wrong.add("status " + code.status + " maps to " + forStatus(code.status));
            }
        }
        return wrong;
    }

    /** The code for a bare HTTP status, when nothing more is known than the status. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_PARAMETER;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_ERROR;
            case 429 -> RATE_LIMITED;
            case 502 -> EXTERNAL_SERVICE_ERROR;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> TIMEOUT;
            default -> status >= 400 && status < 500 ? INVALID_PARAMETER : INTERNAL_ERROR;
        };
    }

    public static Optional<ErrorCode> fromKebab(String kebab) {
        return Arrays.stream(values()).filter(c -> c.kebab().equals(kebab)).findFirst();
    }
}
