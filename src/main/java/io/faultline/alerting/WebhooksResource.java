package io.faultline.alerting;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.correlation.RequestContext;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.Problem;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Webhooks and their deliveries, for admins only (a receiver's URL may itself be a secret).
 * The signing secret is never shown back.
 */
@Path("/api/webhooks")
@RequestScoped
@Transactional
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    DeliveryDispatcher dispatcher;

    @Inject
    Deliveries deliveries;

    @Inject
    WebhookSender sender;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewWebhook body, @Context UriInfo uri) {
        if (!Signatures.isValidSecret(body.secret)) {
            throw new ProblemException(ErrorCode.VALIDATION_ERROR, "1 field(s) failed validation", Map.of(),
                    List.of(Problem.Violation.atPointer("#/secret", "must be whsec_ and the base64 of a 24 to 64 byte key")),
                    null);
        }
        Webhook webhook = new Webhook(body.url, body.secret, List.copyOf(new LinkedHashSet<>(body.events)));
        em.persist(webhook);
        em.flush();
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(webhook.id)).build())
                .entity(json(webhook)).build();
    }

    @GET
    public JsonObject list() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        em.createQuery("SELECT w FROM Webhook w ORDER BY w.id", Webhook.class).getResultList()
                .forEach(w -> items.add(json(w)));
        return JSON.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") long id) {
        return json(find(id));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        Webhook webhook = find(id);
        em.createQuery("DELETE FROM Delivery d WHERE d.webhookId = :id").setParameter("id", id).executeUpdate();
        em.remove(webhook);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    public JsonObject deliveries(@PathParam("id") long id,
                                 @QueryParam("status") @Pattern(regexp = "pending|delivered|dead") String status,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                                 @QueryParam("cursor") @Pattern(regexp = "[0-9]{1,18}") String cursor) {
        find(id);
        TypedQuery<Delivery> query = em.createQuery("SELECT d FROM Delivery d WHERE d.webhookId = :id"
                        + (status == null ? "" : " AND d.status = :status")
                        + (cursor == null ? "" : " AND d.id < :cursor") + " ORDER BY d.id DESC", Delivery.class)
                .setParameter("id", id).setMaxResults(limit + 1);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (cursor != null) {
            query.setParameter("cursor", Long.parseLong(cursor));
        }
        List<Delivery> found = query.getResultList();
        JsonArrayBuilder items = JSON.createArrayBuilder();
        found.stream().limit(limit).forEach(d -> items.add(json(d)));
        JsonObjectBuilder page = JSON.createObjectBuilder().add("items", items);
        if (found.size() > limit) {
            page.add("nextCursor", Long.toString(found.get(limit - 1).id));
        }
        return page.build();
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        Delivery delivery = deliveries.redeliver(find(id).id, deliveryId);
        dispatcher.wake();
        return Response.accepted(json(delivery)).build();
    }

    /**
     * Sends a signed {@code ping} to the receiver now, through the same guards as a delivery,
     * and answers what happened: 200 when it took it, 502 when it failed or could not be
     * reached, 503 while the receivers' circuit is open. Outside a transaction: no database
     * connection is held while the receiver answers.
     */
    @POST
    @Path("{id}/ping")
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public JsonObject ping(@PathParam("id") long id) {
        Webhook webhook = find(id);
        long start = System.nanoTime();
        Outcome outcome = sender.send(SendAttempt.ping(webhook, RequestContext.currentCorrelationId()));
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return switch (outcome.kind()) {
            case DELIVERED -> JSON.createObjectBuilder().add("delivered", true).add("statusCode", outcome.statusCode())
                    .add("durationMs", durationMs).build();
            case DEFERRED -> throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                    "Webhook receivers cannot be called now (" + outcome.reason() + "); retry later",
                    Map.of("webhookId", Long.toString(id)), List.of(),
                    Math.max(1, Duration.between(Instant.now(), sender.circuit().retryAt()).toSeconds()));
            case FAILED, GONE -> throw new ReceiverFailed(id, outcome);
        };
    }

    private Webhook find(long id) {
        Webhook webhook = em.find(Webhook.class, id);
        if (webhook == null) {
            throw new ResourceNotFound("webhook", Long.toString(id));
        }
        return webhook;
    }

    private static JsonObject json(Webhook webhook) {
        JsonArrayBuilder events = JSON.createArrayBuilder();
        webhook.events().forEach(events::add);
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", Long.toString(webhook.id)).add("url", webhook.url)
                .add("events", events).add("enabled", webhook.enabled()).add("createdAt", webhook.createdAt.toString());
        if (webhook.disabledAt != null) {
            json.add("disabledAt", webhook.disabledAt.toString()).add("disabledReason", webhook.disabledReason);
        }
        return json.build();
    }

    private static JsonObject json(Delivery delivery) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", Long.toString(delivery.id))
                .add("webhookId", Long.toString(delivery.webhookId)).add("messageId", delivery.messageId)
                .add("eventType", delivery.eventType).add("notificationId", Long.toString(delivery.notificationId))
                .add("status", delivery.status).add("attempts", delivery.attempts)
                .add("createdAt", delivery.createdAt.toString());
        if (delivery.isPending()) {
            json.add("nextAttemptAt", delivery.nextAttemptAt.toString());
        }
        if (delivery.lastAttemptAt != null) {
            json.add("lastAttemptAt", delivery.lastAttemptAt.toString());
        }
        if (delivery.lastStatusCode != null) {
            json.add("lastStatusCode", delivery.lastStatusCode);
        }
        if (delivery.lastError != null) {
            json.add("lastError", delivery.lastError);
        }
        if (delivery.finishedAt != null) {
            json.add("finishedAt", delivery.finishedAt.toString());
        }
        if (delivery.correlationId != null) {
            json.add("correlationId", delivery.correlationId);
        }
        return json.build();
    }
}
