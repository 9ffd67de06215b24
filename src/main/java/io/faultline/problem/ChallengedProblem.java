package io.faultline.problem;

import java.util.Map;

/**
 * A 401 with the {@code WWW-Authenticate} challenge of the scheme the endpoint accepts
 * (RFC 9110, section 11.6.1: a 401 "MUST send a WWW-Authenticate header field").
 */
public class ChallengedProblem extends ProblemException {

    private final String challenge;

    public ChallengedProblem(ErrorCode code, String detail, String challenge) {
        super(code, detail);
        this.challenge = challenge;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", challenge);
    }
}
