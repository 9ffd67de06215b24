package io.faultline.alerting;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A webhook receiver did not take a call made while a client waits: a 502. The detail stays
 * generic; {@code details} say which webhook, what the receiver answered, if anything, and why
 * the call counts as failed, never the receiver's address.
 */
class ReceiverFailed extends ProblemException {

    ReceiverFailed(long webhookId, Outcome outcome) {
        super(ErrorCode.EXTERNAL_SERVICE_ERROR, "The webhook's receiver did not take the call", details(webhookId, outcome),
                List.of(), null);
    }

    private static Map<String, Object> details(long webhookId, Outcome outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("webhookId", Long.toString(webhookId));
        if (outcome.statusCode() != null) {
            details.put("receiverStatus", outcome.statusCode());
        }
        // The sender names the kind of I/O failure by its exception class: kept in the delivery's record, not here.
        details.put("reason", outcome.reason().startsWith("I/O error") ? "I/O error" : outcome.reason());
        return details;
    }
}
