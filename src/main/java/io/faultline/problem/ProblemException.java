package io.faultline.problem;

import java.util.List;
import java.util.Map;

/**
 * An expected failure that maps to one catalog code. Subclasses carry their data and build
 * their own message, which becomes the problem's {@code detail}: it must be safe to show.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, ?> details;
    private final List<Problem.Violation> violations;
    private final Long retryAfterSeconds;

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, Map.of(), List.of(), null);
    }

    public ProblemException(ErrorCode code, String detail, Map<String, ?> details,
                            List<Problem.Violation> violations, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.code = code;
        this.details = details;
        this.violations = violations;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, ?> details() {
        return details;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    /** Response headers the problem needs, such as a WWW-Authenticate challenge. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** Seconds the client should wait before retrying, or null when no wait is known. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
