package io.faultline.http;

import io.faultline.problem.PayloadTooLarge;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Bounds every request body: a declared length over the limit is refused before anything is
 * read; a chunked body is counted as it is read and refused when it crosses the limit.
 */
@Provider
@Priority(200)
public class BodyLimitFilter implements ContainerRequestFilter {

    @Inject
    HttpConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = config.maxBodyBytes();
        if (request.getLength() > limit) {
            throw new PayloadTooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
        }
    }
}
