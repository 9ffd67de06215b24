package io.faultline.problem;

import java.util.List;
import java.util.Map;

/**
 * What a failure means to the client: its catalog code, a detail safe to show, and the extras
 * that go with it. Built by {@link ProblemClassifier}, turned into a response by {@link Problems}.
 */
public record Classified(ErrorCode code, String detail, Map<String, ?> details,
                         List<Problem.Violation> violations, Long retryAfterSeconds,
                         Map<String, String> headers) {

    public Classified {
        details = details == null ? Map.of() : details;
        violations = violations == null ? List.of() : violations;
        headers = headers == null ? Map.of() : headers;
    }

    public static Classified of(ErrorCode code, String detail) {
        return new Classified(code, detail, Map.of(), List.of(), null, Map.of());
    }

    public static Classified of(ProblemException problem) {
        return new Classified(problem.code(), problem.getMessage(), problem.details(),
                problem.violations(), problem.retryAfterSeconds(), problem.headers());
    }

    public Classified withViolations(List<Problem.Violation> list) {
        return new Classified(code, detail, details, list, retryAfterSeconds, headers);
    }

    public Classified withRetryAfter(Long seconds) {
        return new Classified(code, detail, details, violations, seconds, headers);
    }

    public Classified withHeader(String name, String value) {
        return new Classified(code, detail, details, violations, retryAfterSeconds, Map.of(name, value));
    }
}
