package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.InvalidParameter;
import io.faultline.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Where a project's intake rate limit stands: remaining tokens, limit, seconds to a full bucket. */
@Path("/api/errors/rate-limit-status")
@RequestScoped
@Transactional
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class RateLimitStatusResource {

    @Inject
    Projects projects;

    @Inject
    RateLimits rateLimits;

    @GET
    public JsonObject status(@QueryParam("project") String project) {
        if (project == null || project.isBlank()) {
            throw new InvalidParameter("project", "is required");
        }
        Project found = projects.get(project);
        RateLimits.Status status = rateLimits.status(found.id());
        return JSON.createObjectBuilder()
                .add("project", found.slug())
                .add("limit", status.limit())
                .add("remaining", status.remaining())
                .add("resetSeconds", status.resetSeconds())
                .add("ratePerSecond", status.ratePerSecond())
                .build();
    }
}
