package io.faultline.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** Faultline's own expected failures, each carrying its catalog code. */
@Provider
@ApplicationScoped
public class ProblemExceptionMapper extends ProblemMapper<ProblemException> {
}
