package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.PostgresCluster;
import io.faultline.it.support.Projects;
import io.faultline.it.support.RawHttp;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Server;
import io.faultline.it.support.ServerLog;
import io.faultline.it.support.Settings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What attackers and broken clients send, at every kind of endpoint: each gets the contract's
 * error (never a 5xx), nothing is stored that should not be, the server stays ready, and no
 * secret reaches the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    static final String INJECTIONS = "'; DROP TABLE ERROR_EVENT; -- <script>alert(1)</script> ${jndi:ldap://x/a} {{7*7}} \\\" OR 1=1";

    String key;
    String slug;

    @BeforeEach
    void project() {
        key = Projects.newProjectKey(http, "hostile");
        slug = Projects.slugOf(http, key);
    }

    @AfterEach
    void stillReady() {
        assertEquals(200, http.get("/health/ready").status(), "the server is no longer ready");
    }

    private Reply report(String path, byte[] body) {
        return http.send(HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                .header("X-Faultline-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private int groups() {
        Reply reply = http.get("/api/errors/groups?project=" + slug + "&limit=100", "Authorization", Http.admin());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json().getJsonArray("items").size();
    }

    @Test
    @Order(1)
    void malformedUtf8IsAParseError() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"message\":\"caf".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        for (String path : List.of("/api/errors/report", "/api/errors/report/batch")) {
            JsonObject problem = assertProblem(report(path, body.toByteArray()), "PARSE_ERROR", 400);
            assertTrue(problem.getString("detail").contains("UTF-8"), problem::toString);
        }
        assertEquals(0, groups());
    }

    @Test
    @Order(2)
    void deeplyNestedJsonIsAParseErrorNotAStackOverflow() {
        int depth = 20_000;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        assertProblem(report("/api/errors/report/batch", nested.getBytes(StandardCharsets.US_ASCII)), "PARSE_ERROR", 400);
        int fits = 5_000;
        String inTags = "{\"message\":\"x\",\"tags\":{\"a\":" + "{\"b\":".repeat(fits) + "1" + "}".repeat(fits) + "}}";
        assertProblem(report("/api/errors/report", inTags.getBytes(StandardCharsets.US_ASCII)), "PARSE_ERROR", 400);
        Reply typed = http.postJson("/api/projects", "{\"slug\":" + "[".repeat(depth) + "]".repeat(depth) + "}",
                "Authorization", Http.admin());
        assertTrue(typed.status() == 400 || typed.status() == 413, typed::toString);
        assertEquals(0, groups());
    }

    @Test
    @Order(3)
    void hugeNumbersAreRefusedCheaply() {
        for (String line : List.of("1e999999999", "123456789012345678901234567890", "-1", "2.5")) {
            long start = System.nanoTime();
            Reply reply = report("/api/errors/report", ("{\"message\":\"x\",\"exception\":{\"type\":\"E\",\"stacktrace\":"
                    + "[{\"function\":\"f\",\"line\":" + line + "}]}}").getBytes(StandardCharsets.US_ASCII));
            JsonObject problem = assertProblem(reply, "VALIDATION_ERROR", 422);
            assertTrue(problem.toString().contains("/exception/stacktrace/0/line"), problem::toString);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "refusing " + line + " took too long");
        }
        assertProblem(report("/api/errors/report", "{\"message\":1e999999999}".getBytes(StandardCharsets.US_ASCII)),
                "PARSE_ERROR", 400);
        assertEquals(0, groups());
    }

    @Test
    @Order(4)
    void duplicateKeysAreAParseError() {
        JsonObject problem = assertProblem(report("/api/errors/report",
                "{\"message\":\"first\",\"level\":\"info\",\"message\":\"second\"}".getBytes(StandardCharsets.US_ASCII)),
                "PARSE_ERROR", 400);
        assertTrue(problem.getString("detail").contains("twice"), problem::toString);
        assertEquals(0, groups());
    }

    @Test
    @Order(5)
    void megabyteStringsAreRefusedWithoutBeingStored() {
        String megabyte = "x".repeat(1024 * 1024);
        assertProblem(report("/api/errors/report", ("{\"message\":\"" + megabyte + "\"}").getBytes(StandardCharsets.US_ASCII)),
                "PAYLOAD_TOO_LARGE", 413);
        String underTheBodyLimit = "y".repeat(20_000);
        assertProblem(report("/api/errors/report", ("{\"message\":\"" + underTheBodyLimit + "\"}").getBytes(StandardCharsets.US_ASCII)),
                "VALIDATION_ERROR", 422);
        assertProblem(http.postJson("/api/projects", "{\"slug\":\"big\",\"name\":\"" + megabyte + "\"}",
                "Authorization", Http.admin()), "PAYLOAD_TOO_LARGE", 413);
        assertEquals(0, groups());
    }

    @Test
    @Order(6)
    void headerFloodsAreRefused() {
        StringBuilder head = new StringBuilder("GET /api/error-codes HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 1000; i++) {
            head.append("X-Flood-").append(i).append(": ").append("v".repeat(50)).append("\r\n");
        }
        Reply flood = RawHttp.exchange(server, head.append("Connection: close\r\n\r\n").toString(), null);
        assertTrue(List.of(400, 413, 431).contains(flood.status()), flood::toString);
        Reply huge = RawHttp.exchange(server, "GET /api/error-codes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: "
                + "h".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n", null);
        assertTrue(List.of(400, 413, 431).contains(huge.status()), huge::toString);
        assertFalse(flood.body().contains("Exception") || huge.body().contains("Exception"), flood::toString);
    }

    @Test
    @Order(7)
    void pathTraversalNeverReachesAFile() {
        for (String path : List.of("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/WEB-INF/web.xml",
                "/META-INF/MANIFEST.MF", "/problems/..%2f..%2fWEB-INF%2fweb.xml", "/problems/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/api/projects/..%2f..%2fWEB-INF%2fweb.xml", "/static/..;/WEB-INF/web.xml", "/api/errors/groups/1%00.json")) {
            Reply reply = RawHttp.exchange(server, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + Http.admin() + "\r\nConnection: close\r\n\r\n", null);
            assertTrue(reply.status() == 400 || reply.status() == 404, () -> path + " -> " + reply);
            assertFalse(reply.body().contains("root:") || reply.body().contains("<web-app")
                    || reply.body().contains("Manifest-Version"), () -> path + " -> " + reply);
        }
    }

    @Test
    @Order(8)
    void injectionsInEveryFieldAreStoredAsDataAndNeverInterpreted() {
        String quoted = Json.createValue(INJECTIONS).toString();
        String unique = Json.createValue(INJECTIONS + " " + UUID.randomUUID()).toString();
        String event = "{\"level\":\"error\",\"message\":" + unique + ",\"environment\":" + quoted + ",\"release\":" + quoted
                + ",\"platform\":" + quoted + ",\"tags\":{\"k\":" + quoted + "},\"user\":{\"id\":" + quoted + "},"
                + "\"request\":{\"url\":" + quoted + ",\"method\":\"GET\",\"headers\":{\"X-Test\":" + quoted + "}},"
                + "\"exception\":{\"type\":" + quoted + ",\"value\":" + quoted + ",\"stacktrace\":[{\"function\":" + quoted
                + ",\"module\":" + quoted + ",\"file\":" + quoted + ",\"line\":1}]},\"fingerprint\":[" + quoted + "]}";
        Reply accepted = http.postJson("/api/errors/report", event, "X-Faultline-Key", key);
        assertEquals(202, accepted.status(), accepted::toString);
        String groupId = accepted.json().getString("groupId");
        Reply events = http.get("/api/errors/groups/" + groupId + "/events", "Authorization", Http.admin());
        assertEquals(200, events.status(), events::toString);
        assertTrue(events.body().contains(unique.substring(1, unique.length() - 1)), events::toString);
        assertTrue(events.contentType().startsWith("application/json"), events::toString);
        assertEquals("nosniff", events.header("X-Content-Type-Options"));

        for (String q : List.of("' OR '1'='1", "%", "_", "\\", "'; DROP TABLE ERROR_GROUP; --")) {
            Reply search = http.get("/api/errors/groups?project=" + slug + "&q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8),
                    "Authorization", Http.admin());
            assertEquals(200, search.status(), search::toString);
            assertTrue(search.json().getJsonArray("items").size() <= 1, search::toString);
        }
        assertProblem(http.get("/api/errors/groups?project=" + java.net.URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8),
                "Authorization", Http.admin()), "NOT_FOUND", 404);
        Reply script = http.get("/no/<script>alert(1)</script>".replace("<", "%3C").replace(">", "%3E"));
        assertEquals(404, script.status());
        assertTrue(script.contentType().startsWith("application/problem+json"), script::toString);
        Reply after = http.postJson("/api/errors/report", "{\"message\":\"tables intact\"}", "X-Faultline-Key", key);
        assertEquals(202, after.status(), "a report after the injections failed: " + after);
        assertEquals(2, groups());
    }

    @Test
    @Order(9)
    void secretsNeverReachTheLog() throws IOException {
        String password = "user-secret-" + UUID.randomUUID();
        String apiKey = "AKIA" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String card = "4111111111111111";
        Reply accepted = http.postJson("/api/errors/report", "{\"message\":\"login failed\",\"user\":{\"password\":\"" + password
                + "\"},\"tags\":{\"api_key\":\"" + apiKey + "\",\"note\":\"card " + card + "\"},\"request\":{\"url\":"
                + "\"https://shop.example/login?token=" + password + "\",\"headers\":{\"Authorization\":\"Bearer " + apiKey
                + "\"}}}", "X-Faultline-Key", key);
        assertEquals(202, accepted.status(), accepted::toString);
        String wrong = "wrong-password-" + UUID.randomUUID();
        assertEquals(401, http.get("/api/projects", "Authorization", Http.basic(Settings.ADMIN, wrong)).status());
        assertEquals(401, http.get("/api/projects?access_token=" + password, "Authorization", "Bearer " + apiKey).status());
        String webhookSecret = WebhooksIT.newSecret();
        Reply hook = http.postJson("/api/webhooks", "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"" + webhookSecret
                + "\",\"events\":[\"alert\"]}", "Authorization", Http.admin());
        assertEquals(201, hook.status(), hook::toString);
        String last = "secrets-" + UUID.randomUUID();
        http.send("DELETE", "/api/webhooks/" + hook.json().getString("id"), null, "Authorization", Http.admin(),
                "X-Correlation-ID", last);
        // Everything before it is in the log once the last request's record is.
        new ServerLog(server).accessRecord(last);

        List<String> secrets = new ArrayList<>(List.of(password, apiKey, card, wrong, key, Settings.ADMIN_PASSWORD,
                webhookSecret.substring("whsec_".length())));
        if (Server.onPostgresql()) {
            secrets.add(PostgresCluster.PASSWORD);
        }
        List<java.nio.file.Path> logs = new ArrayList<>(server.consoleFiles());
        logs.add(server.logFile());
        for (var file : logs) {
            String log = Files.readString(file, StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertFalse(log.contains(secret), () -> "a secret is in " + file.getFileName() + ": " + excerpt(log, secret));
            }
        }
    }

    private String excerpt(String log, String secret) {
        int at = log.indexOf(secret);
        return log.substring(Math.max(0, at - 300), Math.min(log.length(), at + 100));
    }
}
