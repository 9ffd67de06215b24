package io.faultline.problem;

import jakarta.json.bind.JsonbException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON or has wrong JSON types, as Liberty delivers it: the bare JsonbException. */
@Provider
@ApplicationScoped
public class JsonbExceptionMapper extends ProblemMapper<JsonbException> {
}
