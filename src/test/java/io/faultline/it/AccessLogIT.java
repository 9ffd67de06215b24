package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Reply;
import io.faultline.it.support.ServerLog;
import io.faultline.it.support.Settings;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** One JSON access-log line per request, read back from the log the server wrote (contract section 2). */
class AccessLogIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withFixtures();
    }

    ServerLog log;

    @Override
    protected void prepare() {
        log = new ServerLog(server);
    }

    @Test
    void recordHasEveryContractField() {
        String id = "access-" + UUID.randomUUID();
        Reply reply = http.get("/fixtures/widgets/42?limit=5", "X-Correlation-ID", id, "User-Agent", "ops-console/1.0");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject record = log.accessRecord(id);
        Instant.parse(record.getString("timestamp"));
        // The first request a fresh server answers may be slow: then it is the slow-request warning.
        boolean slow = record.getJsonNumber("durationMs").longValue() > Settings.SLOW_REQUEST_MS;
        assertEquals(slow ? "WARNING" : "INFO", record.getString("level"), record::toString);
        assertEquals("io.faultline.access", record.getString("logger"));
        assertEquals(slow ? "slow_request" : "request", record.getString("message"));
        assertEquals(id, record.getString("correlationId"));
        assertEquals("GET", record.getString("method"));
        assertEquals("/fixtures/widgets/42", record.getString("path"));
        assertEquals("/fixtures/widgets/{id}", record.getString("route"));
        assertEquals(200, record.getInt("status"));
        assertTrue(record.getJsonNumber("durationMs").longValue() >= 0);
        assertEquals(JsonValue.NULL, record.get("user"));
        assertEquals("127.0.0.1", record.getString("remoteAddr"));
        assertEquals("ops-console/1.0", record.getString("userAgent"));
        assertEquals("limit=5", record.getString("query"));
    }

    @Test
    void oneRecordPerRequest() {
        String id = "once-" + UUID.randomUUID();
        http.get("/fixtures/boom", "X-Correlation-ID", id);
        http.get("/api/error-codes", "X-Correlation-ID", "other-" + id);
        List<JsonObject> records = log.await(id, rs -> rs.stream().anyMatch(r -> r.getString("logger").equals("io.faultline.access")));
        assertEquals(1, records.stream().filter(r -> r.getString("logger").equals("io.faultline.access")).count());
    }

    @Test
    void sensitiveQueryValuesAreRedacted() {
        String id = "redact-" + UUID.randomUUID();
        http.get("/fixtures/widgets/1?limit=5&token=tok-s3cr3t-1&api_key=key-s3cr3t-2&author=ann", "X-Correlation-ID", id);
        String query = log.accessRecord(id).getString("query");
        assertEquals("limit=5&token=[REDACTED]&api_key=[REDACTED]&author=ann", query);
        assertFalse(log.rawLines().stream().anyMatch(l -> l.contains("s3cr3t")), "a secret reached the log");
    }

    @Test
    void levelFollowsStatus() {
        assertEquals("WARNING", levelOf("/no/such/route"));
        assertEquals("ERROR", levelOf("/fixtures/boom"));
        assertEquals("INFO", levelOf("/api/error-codes"));
    }

    @Test
    void slowRequestIsAWarningNamedSlowRequest() {
        String id = "slow-" + UUID.randomUUID();
        http.get("/fixtures/sleep?ms=" + (Settings.SLOW_REQUEST_MS + 300), "X-Correlation-ID", id);
        JsonObject record = log.accessRecord(id);
        assertEquals("WARNING", record.getString("level"));
        assertEquals("slow_request", record.getString("message"));
        assertTrue(record.getJsonNumber("durationMs").longValue() >= Settings.SLOW_REQUEST_MS);
    }

    @Test
    void unmatchedRequestsHaveTheUnmatchedRoute() {
        String id = "unmatched-" + UUID.randomUUID();
        http.get("/random/" + UUID.randomUUID(), "X-Correlation-ID", id);
        assertEquals("UNMATCHED", log.accessRecord(id).getString("route"));
    }

    @Test
    void forwardedForIsNotBelievedByDefault() {
        String id = "xff-" + UUID.randomUUID();
        http.get("/api/error-codes", "X-Correlation-ID", id, "X-Forwarded-For", "203.0.113.9");
        assertEquals("127.0.0.1", log.accessRecord(id).getString("remoteAddr"));
    }

    @Test
    void everyLineOfTheLogIsOneJsonObject() {
        http.get("/fixtures/boom");
        assertFalse(log.records().isEmpty());
    }

    private String levelOf(String path) {
        String id = "level-" + UUID.randomUUID();
        http.get(path, "X-Correlation-ID", id);
        return log.accessRecord(id).getString("level");
    }
}
