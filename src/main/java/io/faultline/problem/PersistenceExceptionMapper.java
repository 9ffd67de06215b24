package io.faultline.problem;

import jakarta.persistence.PersistenceException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** Persistence failures: unique violations, optimistic locks, an unreachable database. */
@Provider
@ApplicationScoped
public class PersistenceExceptionMapper extends ProblemMapper<PersistenceException> {
}
