package io.faultline.problem;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** Fault Tolerance verdicts: timeouts (504), open circuits and full bulkheads (503). */
@Provider
@ApplicationScoped
public class FaultToleranceExceptionMapper extends ProblemMapper<FaultToleranceException> {
}
