package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.cluster.KubernetesManifests;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** MicroProfile Health probes and the load-balancer aliases (contract section 3). */
class HealthIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    @Test
    void everyProbeIsUpWithItsChecks() {
        assertChecks(http.get("/health/ready"), 200, "UP", Set.of("database", "disk", "application"));
        assertChecks(http.get("/health/live"), 200, "UP", Set.of("threads"));
        assertChecks(http.get("/health/started"), 200, "UP", Set.of("application"));
        assertChecks(http.get("/health"), 200, "UP", Set.of("database", "disk", "application", "threads"));
    }

    /** The deployment kit's probes ask what this server answers (KubernetesManifestsTest checks the rest). */
    @Test
    void theKubernetesProbesPathsAnswerUp() {
        Map<String, Object> container = KubernetesManifests.container();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = (String) KubernetesManifests.at(container, probe, "httpGet").get("path");
            Reply reply = http.get(path);
            assertEquals(200, reply.status(), () -> probe + " " + path + ": " + reply);
            assertEquals("UP", reply.json().getString("status"), probe);
        }
    }

    @Test
    void databaseCheckRanARealQuery() {
        JsonObject database = check(http.get("/health/ready").json(), "database");
        assertEquals("UP", database.getString("status"));
        assertFalse(database.getJsonObject("data").getString("database").isBlank());
    }

    @Test
    void healthzAnswersWithServiceAndVersion() {
        Reply reply = http.get("/healthz");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals("ok", body.getString("status"));
        assertEquals("faultline", body.getString("service"));
        assertTrue(body.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), reply::toString);
    }

    @Test
    void readyzAnswersReadyWithEveryCheck() {
        Reply reply = http.get("/readyz");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("ready", reply.json().getString("status"));
        JsonObject checks = reply.json().getJsonObject("checks");
        assertEquals(JsonValue.TRUE, checks.get("database"));
        assertEquals(JsonValue.TRUE, checks.get("disk"));
    }

    /** The wire format exactly: only status and checks on top; data values only strings, numbers, booleans. */
    static JsonObject assertChecks(Reply reply, int status, String overall, Set<String> names) {
        assertEquals(status, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("status", "checks"), body.keySet(), reply::toString);
        assertEquals(overall, body.getString("status"));
        Set<String> found = body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).collect(Collectors.toSet());
        assertTrue(found.containsAll(names), () -> "checks " + found + " lack some of " + names);
        for (JsonObject check : body.getJsonArray("checks").getValuesAs(JsonObject.class)) {
            if (!names.contains(check.getString("name"))) {
                continue;
            }
            JsonObject data = check.getJsonObject("data");
            assertTrue(data.containsKey("durationMs"), () -> "no durationMs in " + check);
            data.values().forEach(v -> assertNotEquals(JsonValue.ValueType.OBJECT, v.getValueType()));
            data.values().forEach(v -> assertNotEquals(JsonValue.ValueType.ARRAY, v.getValueType()));
            data.values().forEach(v -> assertNotEquals(JsonValue.ValueType.NULL, v.getValueType()));
            assertFalse(check.toString().contains("Exception"), check::toString);
            assertFalse(check.toString().contains("jdbc:"), check::toString);
        }
        return body;
    }

    static JsonObject check(JsonObject body, String name) {
        return body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
    }
}
