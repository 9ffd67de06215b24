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

            // The decoder's refusals, whether it tried (not JSON, no string type) or would not try
            // (not an object), reach @OnError as a DecodeException: an error frame each, still open.
            for (String malformed : List.of("{not json", "{\"type\":5}", "[1,2]", "\"ping\"", " ")) {
                client.send(malformed);
                assertError(client, "MALFORMED_MESSAGE", id);
            }
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
            List<JsonObject> events = FeedClient.events(client.awaitType("events"));
            assertEquals(1, events.size(), events::toString);
            JsonObject event = events.get(0);
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

    /**
     * A client that floods and reads as fast as it can: every ping it sent up to the close gets
     * its answer, in order, whatever the server's timing; fifty times in a row, as one run's luck
     * would otherwise hide a lost frame.
     */
    @Test
    void floodIsRateLimitedThenClosedWith4429AndNoAnswerIsLost() {
        for (int run = 1; run <= 50; run++) {
            flood(run);
        }
    }

    private void flood(int run) {
        try (FeedClient client = operator(null)) {
            client.awaitType("welcome");
            for (int i = 0; i < 200 && !client.isClosed(); i++) {
                try {
                    client.send("{\"type\":\"ping\",\"id\":\"f" + i + "\"}");
                } catch (java.util.concurrent.CompletionException closedMeanwhile) {
                    break;
                }
            }
            assertEquals(4429, client.closeCode(10), "run " + run);
            // Each ping, in order, got a pong with its id or a RATE_LIMITED error (a burst of 20,
            // faultline.ws.max-frames-per-second), until the 20th refusal (faultline.ws.abuse-limit)
            // closed the connection: 19 errors, and nothing else, not even a lagged frame.
            List<JsonObject> frames = client.received();
            int answered = 0;
            int refused = 0;
            for (JsonObject frame : frames) {
                String type = frame.getString("type");
                if ("pong".equals(type)) {
                    assertEquals("f" + answered, frame.getString("id"), () -> "run " + run + ": " + frames);
                } else {
                    assertEquals("error", type, () -> "run " + run + ": " + frames);
                    assertEquals("RATE_LIMITED", frame.getString("code"));
                    assertTrue(!frame.getString("message").isBlank());
                    assertEquals(20, frame.getJsonObject("details").getInt("limitPerSecond"), frame::toString);
                    refused++;
                }
                answered++;
            }
            assertEquals(19, refused, () -> "run " + run + ": " + frames);
            assertTrue(answered - refused >= 20, () -> "run " + run + ": " + frames);
        }
    }

    /**
     * Events wait only while a send is in flight: a report at a time gets a frame per event; a
     * batch, one commit, leaves at once in frames of at most faultline.ws.max-events-per-frame.
     */
    @Test
    void aCommitsEventsShareFramesAndLoneEventsGoAlone() {
        String key = Projects.newProjectKey(http, "frames");
        String slug = Projects.slugOf(http, key);
        try (FeedClient client = subscribed(slug, null)) {
            for (int i = 0; i < 5; i++) {
                Reply reply = http.postJson("/api/errors/report", "{\"message\":\"alone " + i + "\"}", "X-Faultline-Key", key);
                List<JsonObject> events = FeedClient.events(client.awaitType("events"));
                assertEquals(List.of(reply.json().getString("id")), ids(events));
            }
            int size = 100;
            String batch = IntStream.range(0, size).mapToObj(i -> "{\"message\":\"together " + i + "\"}")
                    .collect(Collectors.joining(",", "[", "]"));
            assertEquals(202, http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key).status());
            List<Integer> sizes = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            while (messages.size() < size) {
                List<JsonObject> events = FeedClient.events(client.awaitType("events"));
                sizes.add(events.size());
                events.forEach(e -> messages.add(e.getString("message")));
            }
            int most = Settings.WS_EVENTS_PER_FRAME;
            assertEquals(List.of(most, most, size - 2 * most), sizes);
            assertEquals(IntStream.range(0, size).mapToObj(i -> "together " + i).toList(), messages);
        }
    }

    /**
     * A client that reconnects with {@code after} gets what it missed, then the live events, each
     * once: events are reported all along, so some commit while the replay is read.
     */
    @Test
    void reconnectingWithAfterGetsEveryMissedEventExactlyOnce() throws Exception {
        String key = Projects.newProjectKey(http, "replay");
        String slug = Projects.slugOf(http, key);
        String last;
        try (FeedClient first = subscribed(slug, null)) {
            for (int i = 0; i < 3; i++) {
                http.postJson("/api/errors/report", "{\"message\":\"seen " + i + "\"}", "X-Faultline-Key", key);
            }
            last = ids(first.awaitEvents(3, 10)).get(2);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(report(key, "missed " + i));
        }
        java.util.concurrent.ExecutorService reporter = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<List<String>> during = reporter.submit(() -> {
                List<String> reported = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    reported.add(report(key, "during " + i));
                    Await.pause(5);
                }
                return reported;
            });
            try (FeedClient again = subscribed(slug, last)) {
                expected.addAll(during.get(60, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(expected, ids(again.awaitEvents(expected.size(), 10)));
                // Nothing is repeated after the seam either: the next event is the next frame's only one.
                String next = report(key, "after the seam");
                assertEquals(List.of(next), ids(FeedClient.events(again.awaitType("events"))));
            }
        } finally {
            reporter.shutdownNow();
        }
    }

    /** Beyond faultline.ws.max-replay the oldest missed events are skipped, and a lagged frame says how many. */
    @Test
    void replayBeyondItsBoundSaysHowManyWereSkipped() {
        String key = Projects.newProjectKey(http, "replay-bound");
        String slug = Projects.slugOf(http, key);
        String last = report(key, "seen");
        List<String> missed = new ArrayList<>();
        int skipped = 30;
        for (int size : List.of(100, Settings.WS_MAX_REPLAY + skipped - 100)) {
            String batch = IntStream.range(0, size).mapToObj(i -> "{\"message\":\"missed\"}")
                    .collect(Collectors.joining(",", "[", "]"));
            Reply reply = http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key);
            assertEquals(202, reply.status(), reply::toString);
            reply.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(i -> missed.add(i.getString("id")));
        }
        try (FeedClient again = subscribed(slug, last)) {
            JsonObject lagged = again.await(f -> List.of("lagged", "events").contains(f.getString("type")), 10);
            assertEquals("lagged", lagged.getString("type"), lagged::toString);
            assertEquals(skipped, lagged.getInt("dropped"));
            assertEquals(missed.subList(skipped, missed.size()), ids(again.awaitEvents(Settings.WS_MAX_REPLAY, 10)));
        }
        try (FeedClient client = operator(null)) {
            client.awaitType("welcome");
            client.send("{\"type\":\"subscribe\",\"projects\":[\"" + slug + "\"],\"after\":\"latest\"}");
            assertError(client, "VALIDATION_ERROR", null);
        }
    }

    private FeedClient subscribed(String slug, String after) {
        FeedClient client = operator(null);
        client.awaitType("welcome");
        client.send("{\"type\":\"subscribe\",\"projects\":[\"" + slug + "\"]"
                + (after == null ? "" : ",\"after\":\"" + after + "\"") + "}");
        client.awaitType("subscribed");
        return client;
    }

    private String report(String key, String message) {
        Reply reply = http.postJson("/api/errors/report", "{\"message\":\"" + message + "\"}", "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json().getString("id");
    }

    private static List<String> ids(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("id")).toList();
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
                // up does: it gets every one while the other reads nothing.
                received += live.awaitEvents(12, 20).size();
            }
            assertEquals(sent, received, "the live client missed events");
            stalled.resume();
            FeedClient.Tally tally = stalled.tallyUntilQuiet(5);
            // Every event reached it or was announced as lost (where loss starts on each server:
            // aStalledClientsBacklogIsBoundedAndItsLossAnnounced).
            assertEquals(sent, tally.events() + tally.announced(), tally::toString);
        }
    }

    /**
     * Where each server's own buffering for a client that reads nothing ends and Faultline's
     * bound starts: events of a kilobyte are reported until the server counts the first dropped
     * one. Then the client reads again and is told, in a lagged frame, of every event it lost.
     */
    @Test
    void aStalledClientsBacklogIsBoundedAndItsLossAnnounced() {
        List<String> keys = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add(Projects.newProjectKey(http, "backlog"));
            slugs.add("\"" + Projects.slugOf(http, keys.get(i)) + "\"");
        }
        String message = "z".repeat(1000);
        // 50 events to a request: within the test servers' body limit (faultline.http.max-body-bytes).
        int perBatch = 50;
        String batch = IntStream.range(0, perBatch).mapToObj(i -> "{\"message\":\"" + message + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        double droppedBefore = metric("ws_messages_dropped_total");
        try (FeedClient stalled = operator(null)) {
            stalled.awaitType("welcome");
            stalled.send("{\"type\":\"subscribe\",\"projects\":[" + String.join(",", slugs) + "]}");
            stalled.awaitType("subscribed");
            stalled.pause();
            int sent = 0;
            // Each project's bucket allows its burst (faultline.ingest.burst) at once.
            for (int round = 0; round < keys.size() * (Settings.INGEST_BURST / perBatch)
                    && metric("ws_messages_dropped_total") == droppedBefore; round++) {
                Reply reply = http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", keys.get(round % keys.size()));
                assertEquals(202, reply.status(), reply::toString);
                sent += perBatch;
            }
            long dropped = Math.round(metric("ws_messages_dropped_total") - droppedBefore);
            System.out.printf("%s: the first event dropped for a stalled client after %d events of about 1.1 KB%n",
                    server.kind(), sent);
            assertTrue(dropped > 0, "nothing dropped after " + sent + " events");

            stalled.resume();
            FeedClient.Tally tally = stalled.tallyUntilQuiet(5);
            assertEquals(sent, tally.events() + tally.announced(), tally::toString);
            // The server's count of dropped events is what the client was told.
            assertEquals(metric("ws_messages_dropped_total") - droppedBefore, tally.announced(), tally::toString);
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
