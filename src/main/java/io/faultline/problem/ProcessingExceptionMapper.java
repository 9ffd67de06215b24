package io.faultline.problem;

import jakarta.ws.rs.ProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** Failures of the JAX-RS runtime while processing; Payara wraps a malformed JSON body in one. */
@Provider
@ApplicationScoped
public class ProcessingExceptionMapper extends ProblemMapper<ProcessingException> {
}
