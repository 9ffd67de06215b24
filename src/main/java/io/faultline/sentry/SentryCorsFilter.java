package io.faultline.sentry;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS for the Sentry endpoints, on every answer (a browser's SDK must read a 429's
 * {@code X-Sentry-Rate-Limits} too): origins in {@code faultline.ingest.allowed-origins}, default all.
 */
@Provider
@SentryCors
public class SentryCorsFilter implements ContainerResponseFilter {

    @Inject
    SentryConfig config;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return;
        }
        config.allowOrigin(origin).ifPresent(allowed -> {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Access-Control-Allow-Origin", allowed);
            headers.add("Vary", "Origin");
            if ("OPTIONS".equals(request.getMethod())) {
                headers.putSingle("Access-Control-Allow-Methods", "POST");
                headers.putSingle("Access-Control-Allow-Headers", "Content-Type, Content-Encoding, X-Sentry-Auth, Authorization");
                headers.putSingle("Access-Control-Max-Age", "86400");
            } else {
                headers.putSingle("Access-Control-Expose-Headers", "X-Sentry-Rate-Limits, Retry-After");
            }
        });
    }
}
