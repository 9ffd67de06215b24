package io.faultline.alerting;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.ResourceNotFound;
import io.faultline.security.Roles;
import io.faultline.tracking.Projects;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** Threshold alert rules, for admins. */
@Path("/api/alert-rules")
@RequestScoped
@Transactional
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AlertRulesResource {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Projects projects;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewAlertRule body, @Context UriInfo uri) {
        long projectId = projects.get(body.project).id();
        AlertRule rule = new AlertRule(projectId, body.minLevel, body.threshold, body.windowSeconds, body.code);
        em.persist(rule);
        em.flush();
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(rule.id)).build())
                .entity(json(rule, body.project)).build();
    }

    @GET
    public JsonObject list() {
        Map<Long, String> slugs = projects.slugsById();
        JsonArrayBuilder items = JSON.createArrayBuilder();
        em.createQuery("SELECT r FROM AlertRule r ORDER BY r.id", AlertRule.class).getResultList()
                .forEach(rule -> items.add(json(rule, slugs.get(rule.projectId))));
        return JSON.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") long id) {
        AlertRule rule = find(id);
        return json(rule, projects.slugsById().get(rule.projectId));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        em.remove(find(id));
        return Response.noContent().build();
    }

    private AlertRule find(long id) {
        AlertRule rule = em.find(AlertRule.class, id);
        if (rule == null) {
            throw new ResourceNotFound("alert rule", Long.toString(id));
        }
        return rule;
    }

    private static JsonObject json(AlertRule rule, String project) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", Long.toString(rule.id))
                .add("project", project == null ? "" : project).add("minLevel", rule.minLevel)
                .add("threshold", rule.threshold).add("windowSeconds", rule.windowSeconds)
                .add("createdAt", rule.createdAt.toString()).add("firing", rule.firingSince != null);
        if (rule.code != null) {
            json.add("code", rule.code);
        }
        if (rule.firingSince != null) {
            json.add("firingSince", rule.firingSince.toString());
        }
        return json.build();
    }
}
