package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.security.Roles;
import io.faultline.sentry.Dsn;
import io.faultline.sentry.SentryConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import jakarta.ws.rs.core.UriInfo;

/** Projects: admins create and delete them, viewers read them. The ingest key and the DSN are shown once. */
@Path("/api/projects")
@RequestScoped
@Transactional
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {

    @Inject
    Projects projects;

    @Inject
    SentryConfig sentry;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewProject project, @Context UriInfo uri) {
        Projects.Created created = projects.create(project.slug, project.name);
        // The key, and the DSN that holds it for Sentry SDKs, are shown this once.
        String dsn = Dsn.of(sentry.publicUrl().orElse(uri.getBaseUri()), created.key().value(), created.project().id());
        JsonObject body = json(created.project()).add("key", created.key().value()).add("dsn", dsn).build();
        return Response.created(uri.getAbsolutePathBuilder().path(created.project().slug()).build())
                .entity(body).build();
    }

    @GET
    public JsonObject list() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        projects.list().forEach(p -> items.add(json(p)));
        return JSON.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{slug}")
    public JsonObject get(@PathParam("slug") String slug) {
        return json(projects.get(slug)).build();
    }

    @DELETE
    @Path("{slug}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("slug") String slug) {
        projects.delete(slug);
        return Response.noContent().build();
    }

    private static JsonObjectBuilder json(Project project) {
        return JSON.createObjectBuilder()
                .add("id", Long.toString(project.id()))
                .add("slug", project.slug())
                .add("name", project.name())
                .add("keyPrefix", project.keyPrefix())
                .add("createdAt", project.createdAt().toString());
    }
}
