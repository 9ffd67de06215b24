package io.faultline.problem;

import java.util.List;
import java.util.Map;

/** A request body over the configured limit. */
public class PayloadTooLarge extends ProblemException {

    public PayloadTooLarge(long limitBytes) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + limitBytes + " bytes",
                Map.of("limitBytes", limitBytes), List.of(), null);
    }
}
