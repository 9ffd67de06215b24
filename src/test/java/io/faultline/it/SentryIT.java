package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Settings;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.protocol.User;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sentry SDK compatibility (contract section 5a): the official Java SDK, and envelopes sent by hand. */
class SentryIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    @AfterEach
    void closeSdk() {
        Sentry.close();
    }

    /** A new project as its creation answers it: slug, id, key and DSN. */
    JsonObject newProject(String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = http.postJson("/api/projects", "{\"slug\":\"" + slug + "\",\"name\":\"" + prefix + "\"}",
                "Authorization", Http.admin());
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    List<JsonObject> groups(String slug, int expected) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        List<JsonObject> items = List.of();
        while (System.nanoTime() < deadline) {
            items = http.get("/api/errors/groups?project=" + slug, "Authorization", Http.admin()).json()
                    .getJsonArray("items").getValuesAs(JsonObject.class);
            if (items.size() >= expected) {
                return items;
            }
            Await.pause(100);
        }
        throw new AssertionError("expected " + expected + " groups in " + slug + ", found " + items);
    }

    List<JsonObject> events(String groupId) {
        return http.get("/api/errors/groups/" + groupId + "/events", "Authorization", Http.admin()).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
    }

    String envelopePath(JsonObject project) {
        return "/api/" + project.getString("id") + "/envelope/";
    }

    String auth(JsonObject project) {
        return "Sentry sentry_key=" + project.getString("key") + ", sentry_version=7, sentry_client=faultline-it/1.0";
    }

    String envelope(String eventId, String event) {
        return "{\"event_id\":\"" + eventId + "\"}\n{\"type\":\"event\"}\n" + event + "\n";
    }

    Reply post(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build());
    }

    byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void projectCreationShowsTheDsnOnce() {
        JsonObject project = newProject("dsn");
        assertEquals("http://" + project.getString("key") + "@127.0.0.1:" + server.port() + "/" + project.getString("id"),
                project.getString("dsn"));
        Reply read = http.get("/api/projects/" + project.getString("slug"), "Authorization", Http.admin());
        assertFalse(read.body().contains(project.getString("key")) || read.json().containsKey("dsn"), read::toString);
        assertEquals(project.getString("id"), read.json().getString("id"));
    }

    @Test
    void theSentryJavaSdkReportsAnExceptionWithItsContextByItsDsnAlone() {
        JsonObject project = newProject("sdk");
        Sentry.init(options -> {
            options.setDsn(project.getString("dsn"));
            options.setRelease("shop@1.4.0");
            options.setEnvironment("staging");
            options.addInAppInclude("io.faultline.it");
            options.setEnableUncaughtExceptionHandler(false);
        });
        Sentry.setTag("region", "eu");
        User user = new User();
        user.setId("42");
        user.setEmail("ann@example.com");
        Sentry.setUser(user);
        Breadcrumb crumb = Breadcrumb.http("https://pay.example/charge", "POST", 502);
        crumb.setData("password", "hunter2-secret");
        Sentry.addBreadcrumb(crumb);
        Sentry.addBreadcrumb("cart checked out");
        try {
            chargeCard();
        } catch (IllegalStateException e) {
            Sentry.captureException(e);
        }
        Sentry.flush(10_000);

        JsonObject group = groups(project.getString("slug"), 1).get(0);
        assertTrue(group.getString("title").startsWith("java.lang.IllegalStateException: payment failed for order 42"),
                group::toString);
        JsonObject stored = events(group.getString("id")).get(0);
        JsonObject event = stored.getJsonObject("event");
        JsonObject exception = event.getJsonObject("exception");
        assertEquals("java.lang.IllegalStateException", exception.getString("type"));
        List<JsonObject> inApp = exception.getJsonArray("stacktrace").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getBoolean("inApp", false)).toList();
        assertTrue(inApp.stream().anyMatch(f -> f.getString("function", "").equals("chargeCard")), exception::toString);
        assertTrue(inApp.stream().allMatch(f -> f.getString("module", "").startsWith("io.faultline.it")), inApp::toString);
        assertEquals("java.io.IOException", event.getJsonArray("exceptionChain").getJsonObject(0).getString("type"));
        assertEquals("eu", event.getJsonObject("tags").getString("region"));
        assertEquals("42", event.getJsonObject("user").getString("id"));
        assertEquals("shop@1.4.0", event.getString("release"));
        assertEquals("staging", event.getString("environment"));
        assertEquals("java", event.getString("platform"));
        JsonArray breadcrumbs = event.getJsonArray("breadcrumbs");
        assertTrue(breadcrumbs.getValuesAs(JsonObject.class).stream().anyMatch(b -> "cart checked out".equals(b.getString("message", ""))),
                breadcrumbs::toString);
        assertFalse(stored.toString().contains("hunter2-secret"), "a breadcrumb's password was stored");
        assertTrue(stored.getInt("filteredValues") >= 1, stored::toString);
        assertEquals(32, event.getString("eventId").length());
    }

    /** A frame of the application's own, for the SDK to mark in-app. */
    private void chargeCard() {
        throw new IllegalStateException("payment failed for order 42", new IOException("connection reset"));
    }

    @Test
    void envelopesMayBeCompressedAndHoldOtherItemsThatAreCountedNotStored() throws Exception {
        JsonObject project = newProject("envelope");
        String eventId = UUID.randomUUID().toString().replace("-", "");
        String body = "{\"event_id\":\"" + eventId + "\",\"sent_at\":\"2026-12-02T08:00:00Z\"}\n"
                + "{\"type\":\"session\",\"length\":2}\n{}\n"
                + "{\"type\":\"event\",\"content_type\":\"application/json\"}\n"
                + "{\"event_id\":\"" + eventId + "\",\"level\":\"warning\",\"logentry\":{\"formatted\":\"disk 93% full\"},"
                + "\"tags\":[[\"host\",\"db-1\"]],\"timestamp\":1796197339.5}\n"
                + "{\"type\":\"client_report\"}\n{\"discarded_events\":[]}\n";
        double discarded = ingested("sentry", "discarded");
        Reply reply = post(envelopePath(project), gzip(body.getBytes(StandardCharsets.UTF_8)),
                "X-Sentry-Auth", auth(project), "Content-Type", "application/x-sentry-envelope", "Content-Encoding", "gzip");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(eventId, reply.json().getString("id"));
        assertEquals(discarded + 2, ingested("sentry", "discarded"));
        JsonObject group = groups(project.getString("slug"), 1).get(0);
        JsonObject event = events(group.getString("id")).get(0).getJsonObject("event");
        assertEquals("disk 93% full", event.getString("message"));
        assertEquals("warning", event.getString("level"));
        assertEquals("db-1", event.getJsonObject("tags").getString("host"));
        assertEquals("2026-12-02T07:42:19.500Z", event.getString("timestamp"));

        String legacy = "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\",\"message\":\"stored the old way\"}";
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(deflated)) {
            deflate.write(legacy.getBytes(StandardCharsets.UTF_8));
        }
        Reply store = post("/api/" + project.getString("id") + "/store/?sentry_key=" + project.getString("key"),
                deflated.toByteArray(), "Content-Type", "application/json", "Content-Encoding", "deflate");
        assertEquals(200, store.status(), store::toString);
        assertEquals(2, groups(project.getString("slug"), 2).size());
    }

    @Test
    void theSameEventIdIsStoredOnceAndAnsweredAlikeEvenWhenSentAtOnce() throws Exception {
        JsonObject project = newProject("retry");
        String eventId = UUID.randomUUID().toString().replace("-", "");
        byte[] body = envelope(eventId, "{\"event_id\":\"" + eventId + "\",\"message\":\"sent twice\"}")
                .getBytes(StandardCharsets.UTF_8);
        double duplicates = ingested("sentry", "duplicate");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Reply> replies;
        try {
            List<CompletableFuture<Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(CompletableFuture.supplyAsync(() -> post(envelopePath(project), body, "X-Sentry-Auth", auth(project)), pool));
            }
            replies = sent.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
        Reply again = post(envelopePath(project), body, "X-Sentry-Auth", auth(project));
        for (Reply reply : replies) {
            assertEquals(200, reply.status(), reply::toString);
            assertEquals(eventId, reply.json().getString("id"));
        }
        assertEquals(200, again.status(), again::toString);
        JsonObject group = groups(project.getString("slug"), 1).get(0);
        assertEquals(1, http.get("/api/errors/groups/" + group.getString("id"), "Authorization", Http.admin()).json().getInt("count"));
        assertEquals(1, events(group.getString("id")).size());
        assertEquals(duplicates + 8, ingested("sentry", "duplicate"));

        // The native API answers a retry with the same id and group.
        String key = project.getString("key");
        String event = "{\"message\":\"native retry\",\"eventId\":\"" + UUID.randomUUID() + "\"}";
        Reply first = http.postJson("/api/errors/report", event, "X-Faultline-Key", key);
        Reply second = http.postJson("/api/errors/report", event, "X-Faultline-Key", key);
        assertEquals(202, first.status(), first::toString);
        assertEquals(first.json(), second.json());
        assertProblem(http.postJson("/api/errors/report", "{\"message\":\"m\",\"eventId\":\"not-an-id\"}", "X-Faultline-Key", key),
                "VALIDATION_ERROR", 422);
    }

    @Test
    void keysAreCheckedAsForTheNativeApi() {
        JsonObject project = newProject("keys");
        JsonObject other = newProject("keys-other");
        byte[] body = envelope(UUID.randomUUID().toString().replace("-", ""), "{\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
        double rejected = ingested("sentry", "rejected");
        assertProblem(post(envelopePath(project), body), "UNAUTHENTICATED", 401);
        assertProblem(post(envelopePath(project), body, "X-Sentry-Auth", "Sentry sentry_key=fl_nope, sentry_version=7"),
                "AUTHENTICATION_FAILED", 401);
        assertProblem(post(envelopePath(project), body, "X-Sentry-Auth", auth(other)), "PERMISSION_DENIED", 403);
        assertProblem(post(envelopePath(project), "{}\n{\"type\":\"event\",\"length\":50}\n{}".getBytes(StandardCharsets.UTF_8),
                "X-Sentry-Auth", auth(project)), "PARSE_ERROR", 400);
        assertEquals(rejected + 4, ingested("sentry", "rejected"), "every refused report is counted");
    }

    @Test
    void aSmallBodyThatInflatesBeyondTheLimitIsPayloadTooLarge() throws Exception {
        JsonObject project = newProject("bomb");
        byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
        assertTrue(bomb.length < 64 * 1024, "the compressed body is " + bomb.length + " bytes");
        Reply reply = post(envelopePath(project), bomb, "X-Sentry-Auth", auth(project), "Content-Encoding", "gzip");
        assertProblem(reply, "PAYLOAD_TOO_LARGE", 413);
        Reply garbage = post(envelopePath(project), "not gzip".getBytes(StandardCharsets.UTF_8), "X-Sentry-Auth", auth(project),
                "Content-Encoding", "gzip");
        assertProblem(garbage, "PARSE_ERROR", 400);
    }

    @Test
    void aRateLimitedProjectIsToldHowLongToWaitInSentrysTerms() {
        JsonObject project = newProject("limited");
        String batch = IntStream.range(0, 100).mapToObj(i -> "{\"message\":\"flood\"}").collect(Collectors.joining(",", "[", "]"));
        Reply last = null;
        for (int i = 0; i < Settings.INGEST_BURST / 100 * 4 && (last == null || last.status() == 202); i++) {
            last = http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", project.getString("key"));
        }
        assertEquals(429, last.status(), String.valueOf(last));
        // Fewer than 100 tokens are left; after 50 more events, fewer than 50: the hundred events
        // below need a quarter of a second of refill at least, and are refused at once.
        http.postJson("/api/errors/report/batch", batch.substring(0, batch.length() / 2) + "]", "X-Faultline-Key",
                project.getString("key"));
        StringBuilder envelope = new StringBuilder("{}\n");
        for (int i = 0; i < 100; i++) {
            envelope.append("{\"type\":\"event\"}\n{\"message\":\"flood\"}\n");
        }
        Reply refused = post(envelopePath(project), envelope.toString().getBytes(StandardCharsets.UTF_8),
                "X-Sentry-Auth", auth(project), "Origin", "https://shop.example");
        assertProblem(refused, "RATE_LIMITED", 429);
        String wait = refused.header("Retry-After");
        assertNotNull(wait, refused::toString);
        assertEquals(wait + ":error:project", refused.header("X-Sentry-Rate-Limits"), refused::toString);
        assertEquals("*", refused.header("Access-Control-Allow-Origin"), refused::toString);
    }

    @Test
    void browsersMayAskFirst() {
        JsonObject project = newProject("cors");
        Reply preflight = http.send("OPTIONS", envelopePath(project), null, "Origin", "https://shop.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-sentry-auth");
        assertTrue(preflight.status() == 200 || preflight.status() == 204, preflight::toString);
        assertEquals("*", preflight.header("Access-Control-Allow-Origin"), preflight::toString);
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("X-Sentry-Auth"), preflight::toString);
    }

    double ingested(String api, String result) {
        String metrics = http.get("/metrics?scope=application", "Accept", "text/plain").body();
        return metrics.lines().filter(l -> l.startsWith("faultline_events_ingested_total{") && l.contains("api=\"" + api + "\"")
                        && l.contains("result=\"" + result + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
