package io.faultline.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** Bean Validation on bodies (422, JSON pointers) and on parameters (400, parameter names). */
@Provider
@ApplicationScoped
public class ConstraintViolationExceptionMapper extends ProblemMapper<ConstraintViolationException> {
}
