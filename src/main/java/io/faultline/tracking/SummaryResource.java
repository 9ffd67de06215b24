package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.InvalidParameter;
import io.faultline.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.DefaultValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happened in a window ({@code 15m}, {@code 1h}, {@code 24h}, up to 7 days): totals by
 * level, code (exception type) and category (platform), the busiest groups, events per minute
 * and the latest events.
 */
@Path("/api/errors/summary")
@RequestScoped
@Transactional
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([mhd])");
    private static final Duration MAX_WINDOW = Duration.ofDays(7);

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Projects projects;

    @GET
    public JsonObject summary(@QueryParam("project") String project, @QueryParam("window") @DefaultValue("1h") String window) {
        Duration length = parse(window);
        Instant since = Instant.now().minus(length);
        Long projectId = project == null ? null : projects.get(project).id();
        String scope = " FROM ErrorEvent e WHERE e.receivedAt >= :since" + (projectId == null ? "" : " AND e.projectId = :project");
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("window", window).add("since", since.toString())
                .add("total", single("SELECT COUNT(e)" + scope, since, projectId))
                .add("byLevel", totals("SELECT e.level, COUNT(e)" + scope + " GROUP BY e.level", since, projectId))
                .add("byCode", totals("SELECT COALESCE(e.code, 'none'), COUNT(e)" + scope + " GROUP BY e.code", since, projectId))
                .add("byCategory", totals("SELECT COALESCE(e.category, 'unknown'), COUNT(e)" + scope + " GROUP BY e.category",
                        since, projectId));
        JsonArrayBuilder top = JSON.createArrayBuilder();
        for (Object[] row : rows("SELECT e.groupId, COUNT(e)" + scope + " GROUP BY e.groupId ORDER BY COUNT(e) DESC",
                since, projectId, 10)) {
            ErrorGroup group = em.find(ErrorGroup.class, row[0]);
            top.add(JSON.createObjectBuilder().add("groupId", row[0].toString()).add("events", ((Number) row[1]).longValue())
                    .add("title", group == null ? "" : group.title).add("status", group == null ? "" : group.status));
        }
        JsonArrayBuilder perMinute = JSON.createArrayBuilder();
        for (Object[] row : rows("SELECT e.receivedMinute, COUNT(e)" + scope + " GROUP BY e.receivedMinute ORDER BY e.receivedMinute",
                since, projectId, 7 * 24 * 60)) {
            perMinute.add(JSON.createObjectBuilder()
                    .add("minute", Instant.ofEpochSecond(((Number) row[0]).longValue() * 60).toString())
                    .add("events", ((Number) row[1]).longValue()));
        }
        JsonArrayBuilder recent = JSON.createArrayBuilder();
        TypedQuery<ErrorEvent> latest = em.createQuery("SELECT e" + scope + " ORDER BY e.receivedAt DESC, e.id DESC", ErrorEvent.class)
                .setParameter("since", since).setMaxResults(10);
        if (projectId != null) {
            latest.setParameter("project", projectId);
        }
        latest.getResultList().forEach(e -> recent.add(JSON.createObjectBuilder().add("id", e.id.toString())
                .add("groupId", e.groupId.toString()).add("level", e.level).add("message", e.message)
                .add("receivedAt", e.receivedAt.toString())));
        return body.add("topGroups", top).add("eventsPerMinute", perMinute).add("recent", recent).build();
    }

    private long single(String jpql, Instant since, Long projectId) {
        var query = em.createQuery(jpql, Long.class).setParameter("since", since);
        if (projectId != null) {
            query.setParameter("project", projectId);
        }
        return query.getSingleResult();
    }

    private JsonObject totals(String jpql, Instant since, Long projectId) {
        JsonObjectBuilder totals = JSON.createObjectBuilder();
        for (Object[] row : rows(jpql, since, projectId, 100)) {
            totals.add(String.valueOf(row[0]), ((Number) row[1]).longValue());
        }
        return totals.build();
    }

    private List<Object[]> rows(String jpql, Instant since, Long projectId, int max) {
        var query = em.createQuery(jpql, Object[].class).setParameter("since", since).setMaxResults(max);
        if (projectId != null) {
            query.setParameter("project", projectId);
        }
        return query.getResultList();
    }

    static Duration parse(String window) {
        Matcher match = WINDOW.matcher(window);
        if (!match.matches()) {
            throw new InvalidParameter("window", "must be a number and m, h or d, such as 15m, 1h or 7d");
        }
        long amount = Long.parseLong(match.group(1));
        Duration length = switch (match.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (length.isZero() || length.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidParameter("window", "must be more than 0 and at most 7d");
        }
        return length;
    }
}
