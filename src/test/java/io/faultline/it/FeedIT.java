package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.FeedClient;
import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Settings;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** The live feed at /ws/events (contract section 7), with a real WebSocket client. */
class FeedIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    private FeedClient operator(String correlationId) {
        return FeedClient.connect(server, Http.admin(), null, correlationId);
    }

    @Test
    void handshakeNeedsAnOperatorAndAnAllowedOrigin() {
        assertEquals(401, FeedClient.refusedWith(server, null, null));
        assertEquals(401, FeedClient.refusedWith(server, Http.basic(Settings.ADMIN, "wrong-password"), null));
        assertEquals(403, FeedClient.refusedWith(server, Http.admin(), "https://evil.example"));
        assertEquals(101, FeedClient.refusedWith(server, Http.admin(), "http://127.0.0.1:" + server.port()));
    }

    @Test
    void welcomePingAndErrorsKeepTheConnectionUsable() {
        String id = "feed-" + UUID.randomUUID();
        try (FeedClient client = operator(id)) {
            JsonObject welcome = client.awaitType("welcome");
            assertEquals(id, welcome.getString("correlationId"));
            assertTrue(!welcome.getString("connectionId").isBlank());

            client.send("{\"type\":\"ping\",\"id\":\"p1\"}");
            JsonObject pong = client.awaitType("pong");
            assertEquals("p1", pong.getString("id"));
            assertEquals(id, pong.getString("correlationId"));

            client.send("{not json");
            assertError(client, "MALFORMED_MESSAGE", id);
            client.send("{\"type\":\"teleport\"}");
            assertError(client, "UNKNOWN_MESSAGE_TYPE", id);
            // A client's type never becomes a label: every series would be a client's to create.
            String scraped = http.get("/metrics?scope=application", "Accept", "text/plain").body();
            assertFalse(scraped.contains("teleport"), scraped);
            assertTrue(scraped.lines().anyMatch(l -> l.startsWith("ws_messages_total{") && l.contains("type=\"other\"")
                    && l.contains("direction=\"in\"")), scraped);
            client.send("{\"type\":\"subscribe\",\"projects\":[\"no-such-project-" + UUID.randomUUID() + "\"]}");
            assertError(client, "PERMISSION_DENIED", id);

            client.send("{\"type\":\"ping\",\"id\":\"p2\"}");
            assertEquals("p2", client.awaitType("pong").getString("id"));
            assertTrue(!client.isClosed());
        }
    }

    @Test
    void subscriberReceivesEventsAndNotificationsOfItsProjects() {
        String key = Projects.newProjectKey(http, "live");
        String slug = Projects.slugOf(http, key);
        try (FeedClient client = operator(null)) {
            client.awaitType("welcome");
            client.send("{\"type\":\"subscribe\",\"projects\":[\"" + slug + "\"],\"levels\":[\"error\",\"fatal\"]}");
            client.awaitType("subscribed");
            http.postJson("/api/errors/report", "{\"level\":\"warning\",\"message\":\"filtered out\"}", "X-Faultline-Key", key);
            Reply reply = http.postJson("/api/errors/report", "{\"level\":\"error\",\"message\":\"live one\"}", "X-Faultline-Key", key);
            JsonObject event = client.awaitType("event").getJsonObject("event");
            assertEquals("live one", event.getString("message"));
            assertEquals(reply.json().getString("id"), event.getString("id"));
            JsonObject notification = client.awaitType("notification").getJsonObject("notification");
            assertEquals("new_group", notification.getString("kind"));
        }
    }

    @Test
    void oversizedFrameClosesWith1009() {
        try (FeedClient client = operator(null)) {
            client.awaitType("welcome");
            client.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(20_000) + "\"}");
            assertEquals(1009, client.closeCode(10));
        }
    }

    @Test
    void floodIsRateLimitedThenClosedWith4429() {
        try (FeedClient client = operator(null)) {
            client.awaitType("welcome");
            for (int i = 0; i < 200 && !client.isClosed(); i++) {
                client.send("{\"type\":\"ping\",\"id\":\"f" + i + "\"}");
            }
            assertEquals(4429, client.closeCode(10));
            // Everything queued before the close reached the client: a pong for every ping the
            // limit let through (a burst of 20, faultline.ws.max-frames-per-second), then an
            // error for every refused one until the 20th refusal (faultline.ws.abuse-limit) closed.
            List<JsonObject> frames = client.received();
            List<JsonObject> refused = frames.stream()
                    .filter(f -> "error".equals(f.getString("type")) && "RATE_LIMITED".equals(f.getString("code"))).toList();
            assertEquals(19, refused.size(), frames::toString);
            assertTrue(!refused.get(0).getString("message").isBlank());
            assertEquals("20", refused.get(0).getJsonObject("details").getString("limitPerSecond"));
            assertTrue(frames.stream().filter(f -> "pong".equals(f.getString("type"))).count() >= 20, frames::toString);
            // Answers have their own queue: a client that reads them all loses none of them.
            assertTrue(frames.stream().noneMatch(f -> "lagged".equals(f.getString("type"))), frames::toString);
        }
    }

    @Test
    void stalledClientNeitherSlowsIntakeNorOtherClients() {
        String key = Projects.newProjectKey(http, "stall");
        String slug = Projects.slugOf(http, key);
        String subscribe = "{\"type\":\"subscribe\",\"projects\":[\"" + slug + "\"]}";
        try (FeedClient stalled = operator(null); FeedClient live = operator(null)) {
            stalled.awaitType("welcome");
            live.awaitType("welcome");
            stalled.send(subscribe);
            live.send(subscribe);
            stalled.awaitType("subscribed");
            live.awaitType("subscribed");
            stalled.pause();

            String text = "y".repeat(4000);
            String batch = IntStream.range(0, 12).mapToObj(i -> "{\"message\":\"" + text + "\",\"fingerprint\":[\"s\"]}")
                    .collect(Collectors.joining(",", "[", "]"));
            int sent = 0;
            int received = 0;
            for (int i = 0; i < 250; i++) {
                Reply reply = http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key);
                assertEquals(202, reply.status(), reply::toString);
                sent += 12;
                // The live client reads each report's events as they come, as a console that keeps
                // up does (its queue holds 32): it gets every one while the other reads nothing.
                for (int e = 0; e < 12; e++) {
                    JsonObject frame = live.await(f -> List.of("event", "lagged").contains(f.getString("type")), 20);
                    assertEquals("event", frame.getString("type"), () -> "the live client lost events: " + frame);
                    received++;
                }
            }
            assertEquals(sent, received, "the live client missed events");
            stalled.resume();
            int events = 0;
            long dropped = 0;
            try {
                while (true) {
                    JsonObject frame = stalled.await(f -> true, 5);
                    if ("event".equals(frame.getString("type"))) {
                        events++;
                    } else if ("lagged".equals(frame.getString("type"))) {
                        dropped += frame.getJsonNumber("dropped").longValue();
                    }
                }
            } catch (AssertionError quiet) {
                // no more frames
            }
            if (server.isLiberty()) {
                // Its queue overflowed while it read nothing: the loss is counted and announced.
                assertTrue(dropped > 0, "events=" + events + " dropped=" + dropped);
                assertTrue(events < sent, "events=" + events + " dropped=" + dropped);
            } else {
                // Payara's WebSocket layer buffers a slow client's frames itself, so nothing
                // overflows at this volume: everything arrives once the client reads again.
                assertEquals(sent, events + dropped, "events=" + events + " dropped=" + dropped);
            }
        }
    }

    @Test
    void connectionGaugeReturnsToItsStartAfter200Connections() throws Exception {
        double before = metric("ws_connections_active");
        double openedBefore = metric("ws_connections_opened_total");
        List<FeedClient> clients = new ArrayList<>();
        try {
            List<java.util.concurrent.CompletableFuture<FeedClient>> opening = new ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
            for (int i = 0; i < 200; i++) {
                opening.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    FeedClient client = operator(null);
                    client.awaitType("welcome");
                    return client;
                }, pool));
            }
            for (var future : opening) {
                clients.add(future.join());
            }
            pool.shutdown();
            assertEquals(before + 200, metric("ws_connections_active"));
        } finally {
            clients.parallelStream().forEach(FeedClient::close);
        }
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (metric("ws_connections_active") != before && System.nanoTime() < deadline) {
            Await.pause(200);
        }
        assertEquals(before, metric("ws_connections_active"), "the gauge did not return to its start");
        assertEquals(openedBefore + 200, metric("ws_connections_opened_total"));
    }

    /** The value of the application metric whose Prometheus series starts with this name. */
    double metric(String series) {
        return http.get("/metrics?scope=application", "Accept", "text/plain").body().lines()
                .filter(l -> l.startsWith(series + "{") && l.contains("endpoint=\"/ws/events\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void assertError(FeedClient client, String code, String correlationId) {
        JsonObject error = client.await(f -> "error".equals(f.getString("type")) && code.equals(f.getString("code")), 10);
        assertTrue(!error.getString("message").isBlank());
        assertTrue(error.containsKey("details"));
        if (correlationId != null) {
            assertEquals(correlationId, error.getString("correlationId"));
        }
    }
}
