package io.faultline.realtime;

import io.faultline.http.Origins;
import io.faultline.problem.Classified;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.Problems;
import io.faultline.security.Challenges;
import io.faultline.security.Roles;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Guards the live feed's handshake: the caller must be an operator (HTTP Basic or the console's
 * session, as for the API), and a browser's Origin must be the server's own or one listed in
 * {@code faultline.ws.allowed-origins}, so that no other site can open the feed with an
 * operator's credentials (cross-site WebSocket hijacking). Refusals are problems. Declared in
 * web.xml, after the correlation filter.
 */
public class FeedHandshakeFilter extends HttpFilter {

    @Inject
    FeedConfig config;

    @Inject
    Problems problems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() == null) {
            boolean sent = request.getHeader("Authorization") != null;
            response.setHeader("WWW-Authenticate", Challenges.of(request));
            refuse(response, sent ? ErrorCode.AUTHENTICATION_FAILED : ErrorCode.UNAUTHENTICATED,
                    sent ? "The credentials are not valid" : "The live feed needs an operator's credentials");
            return;
        }
        if (!request.isUserInRole(Roles.VIEWER) && !request.isUserInRole(Roles.ADMIN)) {
            refuse(response, ErrorCode.PERMISSION_DENIED, "The live feed is for operators");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !allowed(origin, request)) {
            refuse(response, ErrorCode.PERMISSION_DENIED, "The Origin of this handshake is not allowed");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean allowed(String origin, HttpServletRequest request) {
        return Origins.isOwn(origin, request) || config.allowedOrigins().stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        problems.write(response, Classified.of(code, detail), null);
    }
}
