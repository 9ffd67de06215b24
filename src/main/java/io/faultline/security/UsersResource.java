package io.faultline.security;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;

/** Operator accounts, managed by admins. Passwords go in and never come out. */
@Path("/api/users")
@RequestScoped
@Transactional
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");

    @Inject
    Operators operators;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewUser user, @Context UriInfo uri) {
        Operator created = operators.create(user.username, user.password.toCharArray(), user.role);
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build())
                .entity(json(created)).build();
    }

    @GET
    public JsonObject list() {
        JsonArrayBuilder users = JSON.createArrayBuilder();
        operators.list().forEach(o -> users.add(json(o)));
        return JSON.createObjectBuilder().add("items", users).build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username, @Context SecurityContext caller) {
        if (caller.getUserPrincipal() != null && caller.getUserPrincipal().getName().equals(username)) {
            throw new ProblemException(ErrorCode.CONFLICT, "An operator cannot delete their own account");
        }
        operators.delete(username);
        return Response.noContent().build();
    }

    private static JsonObject json(Operator operator) {
        return JSON.createObjectBuilder()
                .add("username", operator.username())
                .add("role", operator.role())
                .add("createdAt", operator.createdAt().toString())
                .build();
    }
}
