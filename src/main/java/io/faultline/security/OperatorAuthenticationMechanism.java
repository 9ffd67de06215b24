package io.faultline.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How operators authenticate: HTTP Basic, as curl and scripts do, or the console's session
 * cookie from {@code POST /api/session}, checked as the built-in Basic mechanism checks: a
 * request with neither, or with credentials that are not valid, goes on unauthenticated and the
 * resource decides (a 401 for an operator endpoint). A request the cookie authenticated is
 * marked, so that {@link SessionOriginFilter} can require the same origin of its unsafe methods.
 */
@ApplicationScoped
public class OperatorAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "faultline_session";
    private static final String CONSOLE_FILES = "/console/";

    /** The request attribute that says the session cookie authenticated the request. */
    static final String BY_SESSION = OperatorAuthenticationMechanism.class.getName() + ".bySession";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    OperatorSessions sessions;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith(CONSOLE_FILES)) {
            // The console's files are public (the page signs in through the API): no session lookup per file.
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            CredentialValidationResult result = basic(authorization.substring(6).trim())
                    .map(identityStores::validate).orElse(CredentialValidationResult.INVALID_RESULT);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
        } else {
            String token = sessionToken(request);
            Optional<CredentialValidationResult> signedIn = token == null ? Optional.empty() : sessions.find(token);
            if (signedIn.isPresent()) {
                request.setAttribute(BY_SESSION, Boolean.TRUE);
                return context.notifyContainerAboutLogin(signedIn.get());
            }
        }
        // Where the server itself guards the resource (Payara does for @RolesAllowed), it answers
        // the 401; elsewhere the resource does (RolesAllowedFilter). Either way with a challenge.
        if (context.isProtected()) {
            response.setHeader("WWW-Authenticate", Challenges.of(request));
            return context.responseUnauthorized();
        }
        return context.doNothing();
    }

    /** The session token of the request's cookie, if it has one. */
    static String sessionToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** The user and password of a Basic credential; empty when it is not base64 of user:password. */
    private static Optional<UsernamePasswordCredential> basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
