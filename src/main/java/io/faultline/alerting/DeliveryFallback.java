package io.faultline.alerting;

import io.faultline.resilience.Circuits;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Turns what stopped a send into an outcome to record: a failed attempt when the receiver was
 * tried, a deferral when a guard refused every call (an open circuit or a full bulkhead is not
 * the receiver's failure and uses up no attempt).
 */
@Dependent
public class DeliveryFallback implements FallbackHandler<Outcome> {

    @Inject
    Circuits circuits;

    @Override
    public Outcome handle(ExecutionContext context) {
        SendAttempt attempt = (SendAttempt) context.getParameters()[0];
        Throwable failure = context.getFailure();
        if (failure instanceof CircuitBreakerOpenException) {
            circuits.find(WebhookSender.CIRCUIT).ifPresent(circuits::rejected);
        }
        if (!attempt.wasCalled() && (failure instanceof CircuitBreakerOpenException || failure instanceof BulkheadException)) {
            return Outcome.deferred(failure instanceof BulkheadException ? "bulkhead full" : "circuit open");
        }
        String reason = attempt.lastFailure() != null ? attempt.lastFailure()
                : failure instanceof TimeoutException ? "no answer within the timeout" : "delivery failed";
        return Outcome.failed(attempt.lastStatusCode(), reason);
    }
}
