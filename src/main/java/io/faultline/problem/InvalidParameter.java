package io.faultline.problem;

import java.util.List;
import java.util.Map;

/** Query, path or header parameters that are missing or cannot be used, each named in {@code errors}. */
public class InvalidParameter extends ProblemException {

    public InvalidParameter(String parameter, String reason) {
        this(List.of(Problem.Violation.atParameter(parameter, reason)));
    }

    public InvalidParameter(List<Problem.Violation> invalid) {
        super(ErrorCode.INVALID_PARAMETER, describe(invalid), Map.of(), List.copyOf(invalid), null);
    }

    private static String describe(List<Problem.Violation> invalid) {
        return invalid.size() == 1
                ? "Parameter '" + invalid.get(0).parameter() + "' " + invalid.get(0).detail()
                : invalid.size() + " parameters are invalid";
    }
}
