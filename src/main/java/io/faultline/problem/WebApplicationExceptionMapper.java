package io.faultline.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** The JAX-RS runtime's own errors (404, 405 with Allow, 406, 415) and any WebApplicationException. */
@Provider
@ApplicationScoped
public class WebApplicationExceptionMapper extends ProblemMapper<WebApplicationException> {
}
