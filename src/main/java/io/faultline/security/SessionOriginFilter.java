package io.faultline.security;

import io.faultline.http.Origins;
import io.faultline.problem.Classified;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.Problems;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * A browser sends the session cookie with every request to this server, whichever page made
 * it: a request that the cookie authenticated and that may change something must come from a
 * page of this server ({@code Sec-Fetch-Site} or {@code Origin}), else it is refused with 403.
 * Requests with HTTP Basic are not a browser's doing and pass. Declared in web.xml.
 */
public class SessionOriginFilter extends HttpFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Problems problems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(OperatorAuthenticationMechanism.BY_SESSION) != null
                && !SAFE.contains(request.getMethod()) && !Origins.sameOrigin(request)) {
            problems.write(response, Classified.of(ErrorCode.PERMISSION_DENIED,
                    "A request signed in by the console's session must come from the console's own origin"), null);
            return;
        }
        chain.doFilter(request, response);
    }
}
