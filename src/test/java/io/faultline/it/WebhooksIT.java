package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.faultline.it.support.Await;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.ServerLog;
import io.faultline.it.support.Settings;
import io.faultline.it.support.WebhookReceiver.Mode;
import io.faultline.it.support.WebhookReceiver.Received;
import io.faultline.it.support.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Webhooks (contract section 5): signed deliveries checked with the Standard Webhooks reference
 * library, retries, dead and redelivered deliveries, 410, a hanging receiver, and the circuit
 * that guards receivers as the operations API (section 6) and /metrics show it. The tests that
 * open the circuit run last and leave it closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhooksIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    private final List<String> created = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void removeWebhooks() {
        created.forEach(id -> http.send("DELETE", "/api/webhooks/" + id, null, "Authorization", Http.admin()));
        receivers.forEach(WebhookReceiver::close);
    }

    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    WebhookReceiver receiver(Mode mode) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(mode);
        receivers.add(receiver);
        return receiver;
    }

    String webhook(WebhookReceiver receiver, String secret, String... events) {
        String list = String.join("\",\"", events);
        Reply reply = http.postJson("/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + secret
                + "\",\"events\":[\"" + list + "\"]}", "Authorization", Http.admin());
        assertEquals(201, reply.status(), reply::toString);
        String id = reply.json().getString("id");
        created.add(id);
        return id;
    }

    /** Reports an event of a new group under a correlation id, and returns the group id. */
    String newGroup(String key, String correlationId) {
        Reply reply = http.postJson("/api/errors/report", "{\"level\":\"error\",\"message\":\"hook check\",\"fingerprint\":[\""
                + UUID.randomUUID() + "\"]}", "X-Faultline-Key", key, "X-Correlation-ID", correlationId);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json().getString("groupId");
    }

    List<JsonObject> deliveries(String webhookId) {
        Reply reply = http.get("/api/webhooks/" + webhookId + "/deliveries", "Authorization", Http.admin());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    JsonObject awaitDelivery(String webhookId, Duration budget, Predicate<JsonObject> until) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<JsonObject> last = List.of();
        while (System.nanoTime() < deadline) {
            last = deliveries(webhookId);
            for (JsonObject delivery : last) {
                if (until.test(delivery)) {
                    return delivery;
                }
            }
            Await.pause(100);
        }
        throw new AssertionError("no delivery as expected within " + budget + ": " + last);
    }

    boolean isAbout(Received received, String groupId) {
        return received.body().contains("\"groupId\":\"" + groupId + "\"");
    }

    JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    Map<String, List<String>> headersOf(Received received, String... replaced) {
        Map<String, List<String>> headers = new HashMap<>();
        received.headers().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        for (int i = 0; i < replaced.length; i += 2) {
            headers.put(replaced[i], List.of(replaced[i + 1]));
        }
        return headers;
    }

    JsonObject circuit() {
        Reply reply = http.get("/api/ops/circuit-breakers", "Authorization", Http.admin());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("webhook-delivery")).findFirst()
                .orElseThrow(() -> new AssertionError("no webhook-delivery circuit: " + reply));
    }

    void awaitCircuit(String state, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        while (!circuit().getString("state").equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the circuit is not " + state + ": " + circuit());
            }
            Await.pause(100);
        }
    }

    @Test
    @Order(1)
    void deliveryIsSignedAsStandardWebhooksSaysAndCarriesTheCorrelationId() throws Exception {
        WebhookReceiver receiver = receiver(Mode.OK);
        String secret = newSecret();
        String webhookId = webhook(receiver, secret, "new_group");
        String correlationId = "hook-" + UUID.randomUUID();
        String groupId = newGroup(Projects.newProjectKey(http, "hooks"), correlationId);

        Received received = receiver.await(Duration.ofSeconds(15), r -> r.stream()
                .anyMatch(x -> isAbout(x, groupId))).stream()
                .filter(x -> isAbout(x, groupId)).findFirst().orElseThrow();
        Webhook reference = new Webhook(secret);
        reference.verify(received.body(), headersOf(received));
        assertThrows(WebhookVerificationException.class,
                () -> reference.verify(received.body().replace("hook check", "hook chuck"), headersOf(received)));
        long stale = System.currentTimeMillis() / 1000 - 3600;
        assertThrows(WebhookVerificationException.class,
                () -> reference.verify(received.body(), headersOf(received, "webhook-timestamp", Long.toString(stale))));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(newSecret()).verify(received.body(), headersOf(received)));

        assertEquals(correlationId, received.header("X-Correlation-ID"));
        assertTrue(received.header("webhook-id").startsWith("msg_"), received::toString);
        JsonObject payload = json(received.body());
        assertEquals("notification.new_group", payload.getString("type"));
        assertEquals(groupId, payload.getJsonObject("data").getString("groupId"));
        assertEquals(correlationId, payload.getJsonObject("data").getString("correlationId"));

        JsonObject delivery = awaitDelivery(webhookId, Duration.ofSeconds(10), d -> d.getString("status").equals("delivered"));
        assertEquals(received.header("webhook-id"), delivery.getString("messageId"));
        assertEquals(1, delivery.getInt("attempts"));
        assertEquals(200, delivery.getInt("lastStatusCode"));
        List<JsonObject> logged = new ServerLog(server).await(correlationId, records -> records.stream()
                .anyMatch(r -> r.getString("logger", "").endsWith("DeliveryDispatcher")));
        assertTrue(logged.stream().filter(r -> r.getString("logger", "").endsWith("DeliveryDispatcher"))
                .allMatch(r -> !r.toString().contains(secret) && !r.toString().contains(receiver.url())), logged::toString);
    }

    @Test
    @Order(2)
    void webhooksAreForAdminsAndTheSecretIsNeverShown() throws Exception {
        WebhookReceiver receiver = receiver(Mode.OK);
        String secret = newSecret();
        String webhookId = webhook(receiver, secret, "new_group", "alert");
        Reply list = http.get("/api/webhooks", "Authorization", Http.admin());
        assertEquals(200, list.status());
        assertTrue(list.body().contains(webhookId) && !list.body().contains(secret.substring(6)), list::toString);
        Reply one = http.get("/api/webhooks/" + webhookId, "Authorization", Http.admin());
        assertFalse(one.body().contains(secret.substring(6)), one::toString);
        assertEquals(List.of("new_group", "alert"), one.json().getJsonArray("events").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, http.postJson("/api/users", "{\"username\":\"" + viewer
                + "\",\"password\":\"viewer-password-1\",\"role\":\"ops-viewer\"}", "Authorization", Http.admin()).status());
        assertProblem(http.get("/api/webhooks", "Authorization", Http.basic(viewer, "viewer-password-1")),
                "PERMISSION_DENIED", 403);
        assertProblem(http.get("/api/webhooks"), "UNAUTHENTICATED", 401);
    }

    @Test
    @Order(3)
    void invalidWebhooksAreRefusedFieldByField() {
        String url = "http://127.0.0.1:9/hook";
        Reply badSecret = http.postJson("/api/webhooks", "{\"url\":\"" + url + "\",\"secret\":\"not-a-secret\","
                + "\"events\":[\"new_group\"]}", "Authorization", Http.admin());
        assertEquals("#/secret", assertProblem(badSecret, "VALIDATION_ERROR", 422).getJsonArray("errors").getJsonObject(0)
                .getString("pointer"), badSecret::toString);
        assertFalse(badSecret.body().contains("not-a-secret"), badSecret::toString);
        String shortKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[8]);
        assertProblem(http.postJson("/api/webhooks", "{\"url\":\"" + url + "\",\"secret\":\"" + shortKey + "\","
                + "\"events\":[\"new_group\"]}", "Authorization", Http.admin()), "VALIDATION_ERROR", 422);
        Reply badUrl = http.postJson("/api/webhooks", "{\"url\":\"file:///etc/passwd\",\"secret\":\"" + newSecret()
                + "\",\"events\":[\"new_group\"]}", "Authorization", Http.admin());
        assertProblem(badUrl, "VALIDATION_ERROR", 422);
        assertTrue(badUrl.body().contains("\"#/url\""), badUrl::toString);
        Reply badEvent = http.postJson("/api/webhooks", "{\"url\":\"" + url + "\",\"secret\":\"" + newSecret()
                + "\",\"events\":[\"everything\"]}", "Authorization", Http.admin());
        assertProblem(badEvent, "VALIDATION_ERROR", 422);
        assertProblem(http.postJson("/api/webhooks", "{\"url\":\"" + url + "\",\"secret\":\"" + newSecret()
                + "\",\"events\":[]}", "Authorization", Http.admin()), "VALIDATION_ERROR", 422);
        assertProblem(http.postJson("/api/webhooks", "{\"url\":{\"nested\":true}}", "Authorization", Http.admin()), "PARSE_ERROR", 400);
        assertProblem(http.get("/api/webhooks/999999999/deliveries", "Authorization", Http.admin()), "NOT_FOUND", 404);
    }

    @Test
    @Order(4)
    void goneDisablesTheWebhookAndEndsItsDeliveries() throws Exception {
        WebhookReceiver receiver = receiver(Mode.GONE);
        String webhookId = webhook(receiver, newSecret(), "new_group");
        newGroup(Projects.newProjectKey(http, "gone"), "gone-" + UUID.randomUUID());
        JsonObject dead = awaitDelivery(webhookId, Duration.ofSeconds(15), d -> d.getString("status").equals("dead"));
        assertEquals(410, dead.getInt("lastStatusCode"));
        JsonObject hook = http.get("/api/webhooks/" + webhookId, "Authorization", Http.admin()).json();
        assertFalse(hook.getBoolean("enabled"), hook::toString);
        assertTrue(hook.getString("disabledReason").contains("410"), hook::toString);
        int received = receiver.received().size();
        // A witness subscribed to the same notifications: once it has its delivery, the disabled
        // webhook would have had its own.
        WebhookReceiver witness = receiver(Mode.OK);
        webhook(witness, newSecret(), "new_group");
        newGroup(Projects.newProjectKey(http, "gone"), "gone-" + UUID.randomUUID());
        witness.await(Duration.ofSeconds(15), r -> !r.isEmpty());
        assertEquals(received, receiver.received().size(), "a disabled webhook got another delivery");
        assertProblem(http.send("POST", "/api/webhooks/" + webhookId + "/deliveries/" + dead.getString("id") + "/redeliver",
                null, "Authorization", Http.admin()), "CONFLICT", 409);
    }

    @Test
    @Order(5)
    void hangingReceiverTimesOutAndIsTriedAgain() throws Exception {
        WebhookReceiver receiver = receiver(Mode.HANG);
        String webhookId = webhook(receiver, newSecret(), "new_group");
        long started = System.currentTimeMillis();
        newGroup(Projects.newProjectKey(http, "hang"), "hang-" + UUID.randomUUID());
        JsonObject failed = awaitDelivery(webhookId, Duration.ofSeconds(20), d -> d.getInt("attempts") >= 1);
        assertTrue(failed.getString("lastError").contains("no answer"), failed::toString);
        assertEquals("pending", failed.getString("status"), failed::toString);
        receiver.answer(Mode.OK);
        JsonObject delivered = awaitDelivery(webhookId, Duration.ofSeconds(30), d -> d.getString("status").equals("delivered"));
        assertTrue(delivered.getInt("attempts") >= 2, delivered::toString);
        assertTrue(System.currentTimeMillis() - started < 30_000);
        awaitCircuit("closed", Duration.ofSeconds(15));
    }

    @Test
    @Order(6)
    void failingReceiverOpensTheCircuitDeliveriesDieAndAreRedeliveredOnceItRecovers() throws Exception {
        WebhookReceiver receiver = receiver(Mode.FAIL);
        String webhookId = webhook(receiver, newSecret(), "new_group", "circuit");
        double deadBefore = metric("faultline_webhook_deliveries_total", "result=\"dead\"");
        String correlationId = "fail-" + UUID.randomUUID();
        String groupId = newGroup(Projects.newProjectKey(http, "fail"), correlationId);

        JsonObject dead = awaitDelivery(webhookId, Duration.ofSeconds(40),
                d -> d.getString("status").equals("dead") && d.getString("correlationId", "").equals(correlationId));
        assertEquals(Settings.MAX_ATTEMPTS, dead.getInt("attempts"), dead::toString);
        assertEquals(500, dead.getInt("lastStatusCode"), dead::toString);
        List<Received> tries = receiver.received().stream().filter(r -> isAbout(r, groupId)).toList();
        assertTrue(tries.size() >= Settings.MAX_ATTEMPTS, tries::toString);
        assertTrue(tries.stream().allMatch(r -> r.header("webhook-id").equals(dead.getString("messageId"))), tries::toString);
        assertTrue(metric("faultline_webhook_deliveries_total", "result=\"dead\"") >= deadBefore + 1);

        JsonObject open = circuit();
        assertTrue(List.of("open", "half_open").contains(open.getString("state")), open::toString);
        assertEquals(4, open.getJsonObject("thresholds").getInt("requestVolumeThreshold"));
        assertEquals(Settings.CIRCUIT_DELAY_MS, open.getJsonObject("thresholds").getJsonNumber("delayMs").longValue());
        assertTrue(open.getJsonObject("counts").getInt("failures") >= 4, open::toString);
        assertNotNull(open.getString("lastFailureAt"));
        JsonObject degradation = http.get("/api/ops/degradation", "Authorization", Http.admin()).json();
        assertTrue(degradation.getBoolean("degraded"), degradation::toString);
        assertTrue(degradation.getBoolean("fallbackAvailable"), degradation::toString);
        assertEquals("webhook-delivery", degradation.getJsonArray("openCircuits").getString(0));
        assertEquals("webhook-delivery", degradation.getJsonArray("affectedFeatures").getJsonObject(0).getString("feature"));
        JsonObject health = http.get("/api/ops/system-health", "Authorization", Http.admin()).json();
        assertTrue(List.of("warning", "critical").contains(health.getString("status")), health::toString);
        assertEquals("webhook-delivery", health.getJsonArray("openCircuits").getString(0));
        assertTrue(metric("ft_circuitbreaker_opened_total", "WebhookSender.send") >= 1, "no opened circuit in /metrics");

        receiver.answer(Mode.OK);
        Reply redeliver = http.send("POST", "/api/webhooks/" + webhookId + "/deliveries/" + dead.getString("id") + "/redeliver",
                null, "Authorization", Http.admin());
        assertEquals(202, redeliver.status(), redeliver::toString);
        JsonObject delivered = awaitDelivery(webhookId, Duration.ofSeconds(20),
                d -> d.getString("id").equals(dead.getString("id")) && d.getString("status").equals("delivered"));
        assertEquals(dead.getString("messageId"), delivered.getString("messageId"));
        awaitCircuit("closed", Duration.ofSeconds(15));
        JsonObject calm = http.get("/api/ops/degradation", "Authorization", Http.admin()).json();
        assertFalse(calm.getBoolean("degraded"), calm::toString);
        assertEquals(0, calm.getJsonArray("openCircuits").size(), calm::toString);

        List<JsonObject> circuitNotes = http.get("/api/errors/notifications?limit=500", "Authorization", Http.admin())
                .json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("kind").equals("circuit")).toList();
        assertTrue(circuitNotes.stream().anyMatch(n -> n.getString("title").contains("opened")), circuitNotes::toString);
        assertTrue(circuitNotes.stream().anyMatch(n -> n.getString("title").contains("closed")), circuitNotes::toString);
        receiver.await(Duration.ofSeconds(15), r -> r.stream().anyMatch(x -> x.body().contains("notification.circuit")
                && x.body().contains("closed")));
    }

    @Test
    @Order(7)
    void pingTellsWhetherTheReceiverTakesASignedCallAndLeavesTheCircuitClosed() throws Exception {
        WebhookReceiver receiver = receiver(Mode.OK);
        String secret = newSecret();
        String webhookId = webhook(receiver, secret, "new_group");
        String ping = "/api/webhooks/" + webhookId + "/ping";

        Reply taken = http.send("POST", ping, null, "Authorization", Http.admin());
        assertEquals(200, taken.status(), taken::toString);
        assertTrue(taken.json().getBoolean("delivered"), taken::toString);
        assertEquals(200, taken.json().getInt("statusCode"), taken::toString);
        Received received = receiver.await(Duration.ofSeconds(5), r -> !r.isEmpty()).get(0);
        assertEquals("ping", json(received.body()).getString("type"));
        assertEquals(webhookId, json(received.body()).getString("webhookId"));
        new Webhook(secret).verify(received.body(), headersOf(received));
        assertEquals(taken.header("X-Correlation-ID"), received.header("X-Correlation-ID"));
        assertEquals(0, deliveries(webhookId).size(), "a ping is no delivery");

        receiver.answer(Mode.FAIL);
        JsonObject failed = assertProblem(http.send("POST", ping, null, "Authorization", Http.admin()),
                "EXTERNAL_SERVICE_ERROR", 502);
        assertEquals(500, failed.getJsonObject("details").getInt("receiverStatus"), failed::toString);
        assertEquals(webhookId, failed.getJsonObject("details").getString("webhookId"));
        assertFalse(failed.toString().contains(receiver.url()), failed::toString);
        // Each failed ping is two failed calls (one quick retry): the circuit opens on the second.
        http.send("POST", ping, null, "Authorization", Http.admin());
        awaitCircuit("open", Duration.ofSeconds(5));
        int calls = receiver.received().size();
        Reply refused = http.send("POST", ping, null, "Authorization", Http.admin());
        assertProblem(refused, "SERVICE_UNAVAILABLE", 503);
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1, refused::toString);
        assertEquals(calls, receiver.received().size(), "an open circuit let a ping through");

        receiver.answer(Mode.OK);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Reply last = refused;
        while (last.status() != 200 && System.nanoTime() < deadline) {
            Await.pause(200);
            last = http.send("POST", ping, null, "Authorization", Http.admin());
        }
        assertEquals(200, last.status(), last::toString);
        awaitCircuit("closed", Duration.ofSeconds(15));
    }

    double metric(String name, String labelPart) {
        String text = http.get("/metrics", "Accept", "text/plain").body();
        return text.lines().filter(l -> l.startsWith(name + "{") && l.contains(labelPart))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
