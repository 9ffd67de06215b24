package io.faultline.security;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.ChallengedProblem;
import io.faultline.problem.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The console's sign-in: {@code POST /api/session} with a username and password sets the
 * session cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over HTTPS);
 * {@code GET} says who is signed in; {@code DELETE} signs out. Open to anyone, so with no
 * security annotation at all: Payara makes a resource with any, even {@code @PermitAll}, one
 * that the server itself guards.
 */
@Path("/api/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    OperatorSessions sessions;

    @Inject
    SecurityConfig config;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(@Valid @NotNull SignIn signIn) {
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(signIn.username, signIn.password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throw new ChallengedProblem(ErrorCode.AUTHENTICATION_FAILED, "The username or password is not valid",
                    Challenges.SESSION);
        }
        String token = sessions.open(result.getCallerPrincipal().getName());
        return Response.noContent().header("Set-Cookie", cookie(token, config.sessionMaxAge().toSeconds())).build();
    }

    @GET
    public JsonObject caller(@Context SecurityContext caller) {
        if (caller.getUserPrincipal() == null) {
            throw new ChallengedProblem(ErrorCode.UNAUTHENTICATED, "Nobody is signed in", Challenges.of(request));
        }
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        for (String role : new String[] {Roles.VIEWER, Roles.ADMIN}) {
            if (caller.isUserInRole(role)) {
                roles.add(role);
            }
        }
        return JSON.createObjectBuilder().add("username", caller.getUserPrincipal().getName()).add("roles", roles)
                .add("by", request.getAttribute(OperatorAuthenticationMechanism.BY_SESSION) != null ? "session" : "basic")
                .build();
    }

    /** Ends the session of the request's cookie, whether or not it was still valid, and clears the cookie. */
    @DELETE
    public Response signOut() {
        sessions.close(OperatorAuthenticationMechanism.sessionToken(request));
        return Response.noContent().header("Set-Cookie", cookie("", 0)).build();
    }

    private String cookie(String value, long maxAgeSeconds) {
        return OperatorAuthenticationMechanism.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : "");
    }

    /** The sign-in form's fields. */
    public static class SignIn {
        @NotNull
        public String username;
        @NotNull
        public String password;
    }
}
