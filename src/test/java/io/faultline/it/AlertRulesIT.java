package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Threshold alert rules (contract section 5): one notification per crossing, not per event. */
class AlertRulesIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    String rule(String slug, String minLevel, int threshold, int windowSeconds, String code) {
        Reply reply = http.postJson("/api/alert-rules", "{\"project\":\"" + slug + "\",\"minLevel\":\"" + minLevel
                + "\",\"threshold\":" + threshold + ",\"windowSeconds\":" + windowSeconds
                + (code == null ? "" : ",\"code\":\"" + code + "\"") + "}", "Authorization", Http.admin());
        assertEquals(201, reply.status(), reply::toString);
        assertTrue(reply.header("Location").endsWith("/api/alert-rules/" + reply.json().getString("id")), reply::toString);
        return reply.json().getString("id");
    }

    /** Reports a batch of events of a level, each with an exception type if given; returns their group. */
    String batch(String key, int events, String level, String type) {
        String event = "{\"level\":\"" + level + "\",\"message\":\"burst\",\"fingerprint\":[\"burst\"]"
                + (type == null ? "" : ",\"exception\":{\"type\":\"" + type + "\",\"value\":\"x\"}") + "}";
        String body = IntStream.range(0, events).mapToObj(i -> event).collect(Collectors.joining(",", "[", "]"));
        Reply reply = http.postJson("/api/errors/report/batch", body, "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json().getJsonArray("items").getJsonObject(0).getString("groupId");
    }

    List<JsonObject> alertsOf(String ruleId) {
        return http.get("/api/errors/notifications?limit=500", "Authorization", Http.admin()).json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("kind").equals("alert") && n.getString("title").startsWith("Alert rule " + ruleId + ":"))
                .toList();
    }

    @Test
    void ruleFiresOncePerCrossingAndAgainAfterTheCountFellBelow() {
        String key = Projects.newProjectKey(http, "alerts");
        String slug = Projects.slugOf(http, key);
        String ruleId = rule(slug, "error", 5, 3, null);

        batch(key, 10, "warning", null);
        assertEquals(0, alertsOf(ruleId).size(), "warnings are below the rule's level");
        batch(key, 4, "error", null);
        assertEquals(0, alertsOf(ruleId).size(), "4 errors are below the threshold of 5");
        batch(key, 1, "fatal", null);
        assertEquals(1, alertsOf(ruleId).size(), "the fifth event at or above error crosses the threshold");
        String groupId = batch(key, 20, "error", null);
        assertEquals(1, alertsOf(ruleId).size(), "events above the threshold do not notify again");
        JsonObject firing = http.get("/api/alert-rules/" + ruleId, "Authorization", Http.admin()).json();
        assertTrue(firing.getBoolean("firing"), firing::toString);

        // Until the window of 3 s has slid past the last event (its time as the server stored it).
        Instant lastEvent = Instant.parse(http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin())
                .json().getString("lastSeen"));
        Await.until(Duration.ofSeconds(10), Duration.ofMillis(50), () -> Instant.now().isAfter(lastEvent.plusMillis(3100)),
                () -> "the window did not pass");
        batch(key, 1, "error", null);
        assertEquals(1, alertsOf(ruleId).size(), "one event in a fresh window is below the threshold");
        batch(key, 4, "error", null);
        List<JsonObject> alerts = alertsOf(ruleId);
        assertEquals(2, alerts.size(), alerts::toString);
        assertEquals("error", alerts.get(0).getString("severity"));
    }

    @Test
    void ruleWithACodeCountsOnlyThatCode() {
        String key = Projects.newProjectKey(http, "coded");
        String ruleId = rule(Projects.slugOf(http, key), "warning", 3, 60, "TimeoutError");
        batch(key, 5, "error", "TypeError");
        batch(key, 2, "error", "TimeoutError");
        assertEquals(0, alertsOf(ruleId).size());
        batch(key, 1, "warning", "TimeoutError");
        assertEquals(1, alertsOf(ruleId).size());
    }

    @Test
    void rulesAreValidatedListedAndDeleted() {
        String key = Projects.newProjectKey(http, "rules");
        String slug = Projects.slugOf(http, key);
        assertProblem(http.postJson("/api/alert-rules", "{\"project\":\"" + slug + "\",\"minLevel\":\"loud\",\"threshold\":0,"
                + "\"windowSeconds\":60}", "Authorization", Http.admin()), "VALIDATION_ERROR", 422);
        assertProblem(http.postJson("/api/alert-rules", "{\"project\":\"no-such-" + UUID.randomUUID() + "\","
                + "\"minLevel\":\"error\",\"threshold\":1,\"windowSeconds\":60}", "Authorization", Http.admin()), "NOT_FOUND", 404);
        assertProblem(http.postJson("/api/alert-rules", "{\"project\":\"" + slug + "\",\"minLevel\":\"error\","
                + "\"threshold\":\"many\",\"windowSeconds\":60}", "Authorization", Http.admin()), "PARSE_ERROR", 400);
        assertProblem(http.get("/api/alert-rules"), "UNAUTHENTICATED", 401);

        String ruleId = rule(slug, "fatal", 1, 60, null);
        Reply list = http.get("/api/alert-rules", "Authorization", Http.admin());
        JsonObject listed = list.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("id").equals(ruleId)).findFirst().orElseThrow();
        assertEquals(slug, listed.getString("project"));
        assertEquals(1, listed.getInt("threshold"));
        assertEquals(204, http.send("DELETE", "/api/alert-rules/" + ruleId, null, "Authorization", Http.admin()).status());
        assertProblem(http.get("/api/alert-rules/" + ruleId, "Authorization", Http.admin()), "NOT_FOUND", 404);
        batch(key, 3, "fatal", null);
        assertEquals(0, alertsOf(ruleId).size(), "a deleted rule does not fire");
    }
}
