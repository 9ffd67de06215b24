package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.InvalidParameter;
import io.faultline.problem.ProblemException;
import io.faultline.problem.ResourceNotFound;
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
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Error groups: list (newest first, cursor-paginated), detail, events, and triage status. */
@Path("/api/errors/groups")
@RequestScoped
@Transactional
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class ErrorGroupsResource {

    private static final Map<String, Set<String>> TRANSITIONS = Map.of(
            "unresolved", Set.of("acknowledged", "resolved", "ignored"),
            "acknowledged", Set.of("unresolved", "resolved", "ignored"),
            "resolved", Set.of("unresolved"),
            "ignored", Set.of("unresolved"));

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Projects projects;

    @GET
    public JsonObject list(@QueryParam("project") String project, @QueryParam("status") String status,
                           @QueryParam("level") String level, @QueryParam("q") String q,
                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                           @QueryParam("cursor") String cursor) {
        StringBuilder jpql = new StringBuilder("SELECT g FROM ErrorGroup g WHERE 1 = 1");
        if (project != null) {
            jpql.append(" AND g.projectId = :project");
        }
        if (status != null) {
            jpql.append(" AND g.status = :status");
        }
        if (level != null) {
            jpql.append(" AND g.level = :level");
        }
        if (q != null && !q.isBlank()) {
            jpql.append(" AND LOWER(g.title) LIKE :q ESCAPE '\\'");
        }
        Cursor after = cursor == null ? null : Cursor.parse(cursor);
        if (after != null) {
            jpql.append(" AND (g.lastSeen < :seen OR (g.lastSeen = :seen AND g.id < :id))");
        }
        jpql.append(" ORDER BY g.lastSeen DESC, g.id DESC");
        TypedQuery<ErrorGroup> query = em.createQuery(jpql.toString(), ErrorGroup.class).setMaxResults(limit + 1);
        if (project != null) {
            query.setParameter("project", projects.get(project).id());
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        if (level != null) {
            query.setParameter("level", level);
        }
        if (q != null && !q.isBlank()) {
            query.setParameter("q", "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (after != null) {
            query.setParameter("seen", after.lastSeen()).setParameter("id", after.id());
        }
        List<ErrorGroup> page = query.getResultList();
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.stream().limit(limit).forEach(g -> items.add(json(g)));
        JsonObjectBuilder body = JSON.createObjectBuilder().add("items", items);
        if (page.size() > limit) {
            ErrorGroup last = page.get(limit - 1);
            body.add("nextCursor", new Cursor(last.lastSeen, last.id).encode());
        } else {
            body.addNull("nextCursor");
        }
        return body.build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") long id) {
        return json(find(id)).build();
    }

    @GET
    @Path("{id}/events")
    public JsonObject events(@PathParam("id") long id,
                             @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                             @QueryParam("cursor") String cursor) {
        find(id);
        // Newest first by the time received, then by id: ids come in blocks per instance, so on
        // several instances a higher id is not a newer event.
        EventCursor before = cursor == null ? null : EventCursor.parse(cursor);
        TypedQuery<ErrorEvent> query = em.createQuery("SELECT e FROM ErrorEvent e WHERE e.groupId = :g"
                        + (before == null ? "" : " AND (e.receivedAt < :at OR (e.receivedAt = :at AND e.id < :id))")
                        + " ORDER BY e.receivedAt DESC, e.id DESC", ErrorEvent.class)
                .setParameter("g", id).setMaxResults(limit + 1);
        if (before != null) {
            query.setParameter("at", before.receivedAt()).setParameter("id", before.id());
        }
        List<ErrorEvent> page = query.getResultList();
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.stream().limit(limit).forEach(e -> items.add(JSON.createObjectBuilder()
                .add("id", Long.toString(e.id)).add("receivedAt", e.receivedAt.toString()).add("level", e.level)
                .add("message", e.message).add("filteredValues", e.filteredValues)
                .add("event", JSON.createReader(new java.io.StringReader(e.payload)).readObject())));
        JsonObjectBuilder body = JSON.createObjectBuilder().add("items", items);
        if (page.size() > limit) {
            ErrorEvent last = page.get(limit - 1);
            body.add("nextCursor", new EventCursor(last.receivedAt, last.id).encode());
        } else {
            body.addNull("nextCursor");
        }
        return body.build();
    }

    /** The group's events per minute over a window (as the summary's), oldest first; minutes without events left out. */
    @GET
    @Path("{id}/events-per-minute")
    public JsonObject eventsPerMinute(@PathParam("id") long id, @QueryParam("window") @DefaultValue("1h") String window) {
        find(id);
        Instant since = Instant.now().minus(SummaryResource.parse(window));
        List<Object[]> rows = em.createQuery("SELECT e.receivedMinute, COUNT(e) FROM ErrorEvent e WHERE e.groupId = :g "
                        + "AND e.receivedAt >= :since GROUP BY e.receivedMinute ORDER BY e.receivedMinute", Object[].class)
                .setParameter("g", id).setParameter("since", since).getResultList();
        JsonArrayBuilder items = JSON.createArrayBuilder();
        rows.forEach(row -> items.add(JSON.createObjectBuilder()
                .add("minute", Instant.ofEpochSecond(((Number) row[0]).longValue() * 60).toString())
                .add("events", ((Number) row[1]).longValue())));
        return JSON.createObjectBuilder().add("window", window).add("since", since.toString()).add("items", items).build();
    }

    @PUT
    @Path("{id}/status")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject setStatus(@PathParam("id") long id, @NotNull StatusChange change) {
        ErrorGroup group = find(id);
        String next = change.status == null ? "" : change.status;
        if (!TRANSITIONS.containsKey(next)) {
            throw new InvalidStatus(next);
        }
        if (!TRANSITIONS.get(group.status).contains(next)) {
            throw new ProblemException(ErrorCode.CONFLICT, "A group cannot go from " + group.status + " to " + next,
                    Map.of("from", group.status, "to", next), List.of(), null);
        }
        group.status = next;
        group.resolvedInRelease = "resolved".equals(next) ? change.resolvedInRelease : null;
        return json(group).build();
    }

    /** The body of a status change. */
    public static class StatusChange {
        public String status;
        public String resolvedInRelease;
    }

    private ErrorGroup find(long id) {
        ErrorGroup group = em.find(ErrorGroup.class, id);
        if (group == null) {
            throw new ResourceNotFound("error-group", Long.toString(id));
        }
        return group;
    }

    private static JsonObjectBuilder json(ErrorGroup group) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", Long.toString(group.id)).add("projectId", Long.toString(group.projectId))
                .add("title", group.title).add("level", group.level).add("status", group.status)
                .add("count", group.eventCount).add("firstSeen", group.firstSeen.toString())
                .add("lastSeen", group.lastSeen.toString());
        if (group.resolvedInRelease != null) {
            json.add("resolvedInRelease", group.resolvedInRelease);
        }
        return json;
    }

    /** A position in a group's events: the last event's time received, to the microsecond, and id. */
    record EventCursor(Instant receivedAt, long id) {
        String encode() {
            long micros = receivedAt.getEpochSecond() * 1_000_000 + receivedAt.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static EventCursor parse(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                long micros = Long.parseLong(parts[0]);
                return new EventCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L),
                        Long.parseLong(parts[1]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | java.time.DateTimeException e) {
                throw new InvalidParameter("cursor", "is not a cursor this API returned");
            }
        }
    }

    /** A position in the list: the last group's lastSeen and id. */
    record Cursor(Instant lastSeen, long id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((lastSeen.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), Long.parseLong(parts[1]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidParameter("cursor", "is not a cursor this API returned");
            }
        }
    }

    /** A status that is not one of the four. */
    static final class InvalidStatus extends ProblemException {
        InvalidStatus(String status) {
            super(ErrorCode.VALIDATION_ERROR, "status must be unresolved, acknowledged, resolved or ignored",
                    Map.of(), List.of(io.faultline.problem.Problem.Violation.atPointer("#/status",
                            "must be unresolved, acknowledged, resolved or ignored")), null);
        }
    }
}
