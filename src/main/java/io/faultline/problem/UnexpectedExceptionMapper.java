package io.faultline.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** Anything no other mapper claims: a generic 500 whose detail reveals nothing. */
@Provider
@ApplicationScoped
public class UnexpectedExceptionMapper extends ProblemMapper<Throwable> {
}
