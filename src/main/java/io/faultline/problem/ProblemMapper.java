package io.faultline.problem;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * The base of the mappers: one subclass per family of exceptions, so that each family is
 * claimed by name and no server's built-in mapper for it (Jersey's validation mapper,
 * Payara's transactional one) is closer to the exception than ours.
 */
public abstract class ProblemMapper<T extends Throwable> implements ExceptionMapper<T> {

    @Inject
    Problems problems;

    @Override
    public Response toResponse(T failure) {
        return problems.response(failure);
    }
}
