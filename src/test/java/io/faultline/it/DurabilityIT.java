package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Server;
import io.faultline.it.support.ServerLog;
import io.faultline.it.support.Settings;
import io.faultline.it.support.WebhookReceiver.Mode;
import io.faultline.it.support.WebhookReceiver.Received;
import io.faultline.it.support.WebhookReceiver;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A server of its own, killed with SIGKILL right after a burst of accepted events and while a
 * webhook delivery is pending, then started again: a 202 means committed, so every event is
 * there, and the delivery resumes. The server runs without a configured admin password, so it
 * also shows the generated password logged once and only once. Its disk check watches a
 * directory the test removes, to see readiness changes notified.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityIT extends OwnServerTest {

    private static final Pattern GENERATED = Pattern.compile("generated password (\\S+) ");
    private static final Path WATCHED = Path.of("target", "it-durable-watched-disk").toAbsolutePath();

    Server server;
    Http http;
    ServerLog log;
    String admin;

    @Override
    protected void prepare() throws IOException {
        Files.createDirectories(WATCHED);
        // No admin password: the server generates one at its first start. The shortest lease: the
        // kill may come while the delivery is being sent, and the restarted server (another owner)
        // sends it again only once the dead one's lease is over.
        server = own.start(Map.of("faultline.admin.password", "",
                "faultline.health.disk-path", WATCHED.toString(), "faultline.health.min-free-disk-mb", "1",
                "faultline.health.monitor-interval-ms", "300", "faultline.webhook.max-attempts", "100",
                "faultline.webhook.lease-seconds", "5"));
        http = new Http(server);
        log = new ServerLog(server);
        List<String> generated = generatedPasswords(log);
        assertEquals(1, generated.size(), "the generated password should be logged once");
        admin = Http.basic(Settings.ADMIN, generated.get(0));
    }

    @AfterAll
    void watchAgain() throws IOException {
        Files.createDirectories(WATCHED);
    }

    @Test
    @Order(1)
    void acceptedEventsAndPendingDeliveriesSurviveKillNine() throws Exception {
        assertEquals(401, http.get("/api/projects", "Authorization", Http.admin()).status(),
                "the test suite's password must not work here");
        try (WebhookReceiver receiver = new WebhookReceiver(Mode.FAIL)) {
            Reply hook = http.postJson("/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\""
                    + WebhooksIT.newSecret() + "\",\"events\":[\"new_group\"]}", "Authorization", admin);
            assertEquals(201, hook.status(), hook::toString);
            String webhookId = hook.json().getString("id");

            Reply project = http.postJson("/api/projects", "{\"slug\":\"durable\",\"name\":\"Durable\"}", "Authorization", admin);
            assertEquals(201, project.status(), project::toString);
            String key = project.json().getString("key");
            Reply first = http.postJson("/api/errors/report", "{\"message\":\"durable\",\"fingerprint\":[\"d\"]}",
                    "X-Faultline-Key", key);
            assertEquals(202, first.status(), first::toString);
            String groupId = first.json().getString("groupId");
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            accepted.add(first.json().getString("id"));
            receiver.await(Duration.ofSeconds(15), r -> !r.isEmpty());

            // Intake under load from four clients; the server is killed while they send.
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                clients.execute(() -> {
                    try {
                        while (true) {
                            Reply reply = http.postJson("/api/errors/report",
                                    "{\"message\":\"durable\",\"fingerprint\":[\"d\"]}", "X-Faultline-Key", key);
                            if (reply.status() == 202) {
                                accepted.add(reply.json().getString("id"));
                            }
                        }
                    } catch (RuntimeException serverGone) {
                        // The connection died with the server: this request was not acknowledged.
                    }
                });
            }
            Await.until(Duration.ofSeconds(30), Duration.ofMillis(20), () -> accepted.size() > 200,
                    () -> "only " + accepted.size() + " events accepted under load");
            own.kill();
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "a client hung on the killed server");
            assertTrue(accepted.size() > 10, "too little was accepted before the kill: " + accepted.size());
            receiver.answer(Mode.OK);
            own.restart();

            Set<String> stored = DatabaseOutageIT.eventsOf(http, groupId, admin);
            Set<String> missing = new java.util.HashSet<>(accepted);
            missing.removeAll(stored);
            assertEquals(Set.of(), missing, "acknowledged events lost in the kill");
            Reply group = http.get("/api/errors/groups/" + groupId, "Authorization", admin);
            assertEquals(200, group.status(), group::toString);
            assertEquals(stored.size(), group.json().getInt("count"), "the group's count disagrees with its events");
            System.out.printf("kill -9 under load: %d events acknowledged, all stored (%d stored)%n",
                    accepted.size(), stored.size());
            assertEquals(1, generatedPasswords(log).size(), "a restart generated another password");

            String delivered = groupId;
            List<Received> got = receiver.await(Duration.ofSeconds(30), r -> r.size() >= 2
                    && r.get(r.size() - 1).body().contains("\"groupId\":\"" + delivered + "\""));
            assertEquals(1, got.stream().map(r -> r.header("webhook-id")).distinct().count(),
                    "the resumed delivery is the same message: " + got);
            JsonObject delivery = http.get("/api/webhooks/" + webhookId + "/deliveries", "Authorization", admin).json()
                    .getJsonArray("items").getJsonObject(0);
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!delivery.getString("status").equals("delivered") && System.nanoTime() < until) {
                Await.pause(100);
                delivery = http.get("/api/webhooks/" + webhookId + "/deliveries", "Authorization", admin).json()
                        .getJsonArray("items").getJsonObject(0);
            }
            assertEquals("delivered", delivery.getString("status"), delivery::toString);
        }
    }

    @Test
    @Order(2)
    void readinessChangesAreNotified() throws IOException {
        Files.delete(WATCHED);
        JsonObject down = awaitNotification("Not ready");
        assertEquals("critical", down.getString("severity"));
        assertTrue(down.getString("title").contains("disk"), down::toString);
        assertEquals(503, http.get("/health/ready").status());
        Files.createDirectories(WATCHED);
        JsonObject up = awaitNotification("Ready again");
        assertEquals("info", up.getString("severity"));
        assertEquals(200, http.get("/health/ready").status());
    }

    private JsonObject awaitNotification(String title) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            var found = http.get("/api/errors/notifications?limit=50", "Authorization", admin).json()
                    .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(n -> n.getString("kind").equals("readiness") && n.getString("title").startsWith(title))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Await.pause(200);
        }
        throw new AssertionError("no readiness notification '" + title + "'");
    }

    private List<String> generatedPasswords(ServerLog log) {
        return log.rawLines().stream().map(GENERATED::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }
}
