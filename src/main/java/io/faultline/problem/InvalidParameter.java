package io.faultline.problem;

import java.util.List;
import java.util.Map;

/** A query, path or header parameter that is missing or cannot be used. */
public class InvalidParameter extends ProblemException {

    public InvalidParameter(String parameter, String reason) {
        super(ErrorCode.INVALID_PARAMETER, "Parameter '" + parameter + "' " + reason,
                Map.of(), List.of(Problem.Violation.atParameter(parameter, reason)), null);
    }
}
