package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Settings;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Notifications, release-aware regressions, summaries and rate-limit status (contract section 5). */
class TriageIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    private String report(String key, String event) {
        Reply reply = http.postJson("/api/errors/report", event, "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json().getString("groupId");
    }

    private List<JsonObject> notificationsOf(String groupId) {
        Reply reply = http.get("/api/errors/notifications?limit=500", "Authorization", Http.admin());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(n -> groupId.equals(n.getString("groupId", null))).toList();
    }

    private void resolve(String groupId, String release) {
        String body = release == null ? "{\"status\":\"resolved\"}" : "{\"status\":\"resolved\",\"resolvedInRelease\":\"" + release + "\"}";
        assertEquals(200, http.send("PUT", "/api/errors/groups/" + groupId + "/status", body,
                "Content-Type", "application/json", "Authorization", Http.admin()).status());
    }

    private String status(String groupId) {
        return http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin()).json().getString("status");
    }

    @Test
    void newGroupIsNotifiedOnceAndCanBeAcknowledged() {
        String key = Projects.newProjectKey(http, "notify");
        String fingerprint = "n-" + UUID.randomUUID();
        String groupId = report(key, "{\"level\":\"fatal\",\"message\":\"disk gone\",\"fingerprint\":[\"" + fingerprint + "\"]}");
        report(key, "{\"level\":\"fatal\",\"message\":\"disk gone\",\"fingerprint\":[\"" + fingerprint + "\"]}");
        List<JsonObject> notes = notificationsOf(groupId);
        assertEquals(1, notes.size(), notes::toString);
        JsonObject note = notes.get(0);
        assertEquals("new_group", note.getString("kind"));
        assertEquals("critical", note.getString("severity"));
        Reply ack = http.send("POST", "/api/errors/notifications/" + note.getString("id") + "/acknowledge", null,
                "Authorization", Http.admin());
        assertEquals(200, ack.status(), ack::toString);
        assertEquals(Settings.ADMIN, ack.json().getString("acknowledgedBy"));
        assertProblem(http.send("POST", "/api/errors/notifications/" + note.getString("id") + "/acknowledge", null,
                "Authorization", Http.admin()), "CONFLICT", 409);
        Reply open = http.get("/api/errors/notifications?unacknowledged=true&limit=500", "Authorization", Http.admin());
        assertTrue(open.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .noneMatch(n -> n.getString("id").equals(note.getString("id"))));
    }

    @Test
    void eventForAResolvedGroupReopensItAndNotifies() {
        String key = Projects.newProjectKey(http, "regress");
        String groupId = report(key, "{\"message\":\"regression check\",\"fingerprint\":[\"r\"]}");
        resolve(groupId, null);
        assertEquals("resolved", status(groupId));
        report(key, "{\"message\":\"regression check\",\"fingerprint\":[\"r\"]}");
        assertEquals("unresolved", status(groupId));
        assertTrue(notificationsOf(groupId).stream().anyMatch(n -> n.getString("kind").equals("regression")));
    }

    @Test
    void eventFromAnOlderReleaseDoesNotReopen() {
        String key = Projects.newProjectKey(http, "release");
        String groupId = report(key, "{\"message\":\"fixed in 2.1\",\"fingerprint\":[\"f\"],\"release\":\"2.0.9\"}");
        resolve(groupId, "2.1.0");
        report(key, "{\"message\":\"fixed in 2.1\",\"fingerprint\":[\"f\"],\"release\":\"2.0.10\"}");
        assertEquals("resolved", status(groupId));
        report(key, "{\"message\":\"fixed in 2.1\",\"fingerprint\":[\"f\"],\"release\":\"2.1.0\"}");
        assertEquals("unresolved", status(groupId));
    }

    @Test
    void summaryCountsTheWindow() {
        String key = Projects.newProjectKey(http, "summary");
        String slug = slugOf(key);
        report(key, "{\"level\":\"error\",\"message\":\"s1\",\"platform\":\"java\",\"exception\":{\"type\":\"IOError\"}}");
        report(key, "{\"level\":\"error\",\"message\":\"s2\",\"platform\":\"java\",\"exception\":{\"type\":\"IOError\"}}");
        report(key, "{\"level\":\"warning\",\"message\":\"s3\",\"platform\":\"js\"}");
        Reply reply = http.get("/api/errors/summary?project=" + slug + "&window=15m", "Authorization", Http.admin());
        assertEquals(200, reply.status(), reply::toString);
        JsonObject summary = reply.json();
        assertEquals(3, summary.getInt("total"));
        assertEquals(2, summary.getJsonObject("byLevel").getInt("error"));
        assertEquals(1, summary.getJsonObject("byLevel").getInt("warning"));
        assertEquals(2, summary.getJsonObject("byCode").getInt("IOError"));
        assertEquals(1, summary.getJsonObject("byCategory").getInt("js"));
        assertEquals(3, summary.getJsonArray("eventsPerMinute").getValuesAs(JsonObject.class).stream()
                .mapToInt(m -> m.getInt("events")).sum());
        assertEquals(3, summary.getJsonArray("recent").size());
        assertTrue(summary.getJsonArray("topGroups").size() >= 1);
        assertProblem(http.get("/api/errors/summary?window=forever", "Authorization", Http.admin()), "INVALID_PARAMETER", 400);
    }

    @Test
    void rateLimitStatusShowsTheBucket() {
        String key = Projects.newProjectKey(http, "bucket");
        String batch = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "{\"message\":\"token\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        for (int i = 0; i < 3; i++) {
            assertEquals(202, http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key).status());
        }
        Reply reply = http.get("/api/errors/rate-limit-status?project=" + slugOf(key), "Authorization", Http.admin());
        assertEquals(200, reply.status(), reply::toString);
        JsonObject status = reply.json();
        // 300 of 400 tokens taken; at 200 a second, a full bucket is at least half a second away.
        assertTrue(status.getInt("remaining") < status.getInt("limit"), reply::toString);
        assertTrue(status.getInt("resetSeconds") >= 1, reply::toString);
        assertTrue(status.containsKey("resetSeconds"));
        assertProblem(http.get("/api/errors/rate-limit-status", "Authorization", Http.admin()), "INVALID_PARAMETER", 400);
    }

    @Test
    void ingestResultsAreCounted() {
        String key = Projects.newProjectKey(http, "counted");
        report(key, "{\"message\":\"count me\"}");
        http.postJson("/api/errors/report", "{\"level\":7}", "X-Faultline-Key", key);
        String metrics = http.get("/metrics?scope=application", "Accept", "text/plain").body();
        for (String result : List.of("accepted", "rejected", "rate_limited", "shed")) {
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("faultline_events_ingested_total{")
                    && l.contains("result=\"" + result + "\"")), () -> result + " missing:\n" + metrics);
        }
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("faultline_events_ingested_total{") && l.contains("result=\"accepted\"")
                && !l.endsWith(" 0.0") && !l.endsWith(" 0")));
    }

    private String slugOf(String key) {
        return Projects.slugOf(http, key);
    }
}
