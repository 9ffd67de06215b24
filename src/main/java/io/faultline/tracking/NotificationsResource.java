package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import io.faultline.problem.ResourceNotFound;
import io.faultline.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notifications for operators, newest first, and their acknowledgement. */
@Path("/api/errors/notifications")
@RequestScoped
@Transactional
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @GET
    public JsonObject list(@QueryParam("severity") @Pattern(regexp = "info|warning|error|critical") String severity,
                           @QueryParam("unacknowledged") @DefaultValue("false") boolean unacknowledged,
                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        StringBuilder jpql = new StringBuilder("SELECT n FROM Notification n WHERE 1 = 1");
        if (severity != null) {
            jpql.append(" AND n.severity = :severity");
        }
        if (unacknowledged) {
            jpql.append(" AND n.acknowledgedAt IS NULL");
        }
        TypedQuery<Notification> query = em.createQuery(jpql.append(" ORDER BY n.createdAt DESC, n.id DESC").toString(), Notification.class)
                .setMaxResults(limit);
        if (severity != null) {
            query.setParameter("severity", severity);
        }
        JsonArrayBuilder items = JSON.createArrayBuilder();
        query.getResultList().forEach(n -> items.add(n.toJson()));
        return JSON.createObjectBuilder().add("items", items).build();
    }

    @POST
    @Path("{id}/acknowledge")
    public JsonObject acknowledge(@PathParam("id") long id, @Context SecurityContext caller) {
        Notification notification = em.find(Notification.class, id);
        if (notification == null) {
            throw new ResourceNotFound("notification", Long.toString(id));
        }
        if (notification.acknowledged()) {
            throw new ProblemException(ErrorCode.CONFLICT, "Notification " + id + " is already acknowledged",
                    Map.of("acknowledgedBy", notification.acknowledgedBy), List.of(), null);
        }
        notification.acknowledgedBy = caller.getUserPrincipal().getName();
        notification.acknowledgedAt = Instant.now();
        return notification.toJson();
    }
}
