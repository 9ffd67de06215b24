package io.faultline.problem;

import jakarta.transaction.TransactionalException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** Failures wrapped by @Transactional; without this mapper Payara's own answers them. */
@Provider
@ApplicationScoped
public class TransactionalExceptionMapper extends ProblemMapper<TransactionalException> {
}
