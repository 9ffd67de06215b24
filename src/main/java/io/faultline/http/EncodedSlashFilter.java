package io.faultline.http;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a path that holds an encoded slash or backslash ({@code %2F}, {@code %5C}) with 400
 * INVALID_PARAMETER before any route is matched. No route takes one; Open Liberty refuses an
 * encoded slash with a 400 before the WAR sees it, and Payara decoded it and matched on the
 * result (404), so the same request had a different answer on each server. (Payara's listener
 * refuses an encoded backslash itself, with an empty 400.)
 */
@Provider
@PreMatching
@Priority(100)
public class EncodedSlashFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (holdsEncodedSlash(request.getUriInfo().getRequestUri().getRawPath())) {
            throw new ProblemException(ErrorCode.INVALID_PARAMETER,
                    "The path holds an encoded slash or backslash, which no route takes");
        }
    }

    static boolean holdsEncodedSlash(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (int i = rawPath.indexOf('%'); i >= 0 && i + 2 < rawPath.length(); i = rawPath.indexOf('%', i + 1)) {
            char high = rawPath.charAt(i + 1);
            char low = Character.toUpperCase(rawPath.charAt(i + 2));
            if ((high == '2' && low == 'F') || (high == '5' && low == 'C')) {
                return true;
            }
        }
        return false;
    }
}
