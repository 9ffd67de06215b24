package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.PostgresCluster;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.ServerSetup;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * PostgreSQL crashes under intake and reads, and comes back: requests fail fast with 503
 * DATABASE_UNAVAILABLE and Retry-After, readiness goes DOWN within its budget and is notified,
 * everything recovers without a restart, and every event that got a 202 is stored, whole.
 * Runs on the postgresql groups, where the tests own the database.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = ".*-postgresql")
class DatabaseOutageIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final long REQUEST_BUDGET_MS = 6000;

    record Outcome(int worker, int status, String code, String retryAfter, String eventId, long millis, boolean write) {
    }

    @Test
    void outageFailsFastIsNotifiedAndRecoversWithoutARestartLosingNoAcceptedEvent() throws Exception {
        PostgresCluster database = ServerSetup.database();
        String key = Projects.newProjectKey(http, "outage");
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            fingerprints.add("outage-" + i + "-" + UUID.randomUUID());
        }
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(WRITERS + READERS);
        for (int w = 0; w < WRITERS; w++) {
            int worker = w;
            load.execute(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    Reply reply = http.postJson("/api/errors/report", "{\"message\":\"outage\",\"fingerprint\":[\""
                            + fingerprints.get(worker) + "\"]}", "X-Faultline-Key", key);
                    outcomes.add(outcome(worker, reply, start, true));
                    Await.pause(20);
                }
            });
        }
        for (int r = 0; r < READERS; r++) {
            load.execute(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    Reply reply = http.get("/api/errors/groups?limit=20", "Authorization", Http.admin());
                    outcomes.add(outcome(-1, reply, start, false));
                    Await.pause(50);
                }
            });
        }
        // Load first, then the crash under it, then recovery under it.
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(20), () -> accepted(outcomes) >= 20,
                () -> "intake accepted only " + accepted(outcomes) + " events before the crash");
        database.stopAbruptly();
        long readinessDownMs = awaitStatus(http, "/health/ready", 503, Duration.ofSeconds(10));
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(50),
                () -> outcomes.stream().filter(o -> o.write() && o.status() >= 500).count() >= 10
                        && outcomes.stream().filter(o -> !o.write() && o.status() >= 500).count() >= 2,
                () -> "too few writes and reads failed during the outage: " + outcomes.size());
        JsonObject degradation = http.get("/api/ops/degradation", "Authorization", Http.admin()).json();
        database.start();
        long readyAgainMs = awaitStatus(http, "/health/ready", 200, Duration.ofSeconds(60));
        long acceptedBefore = accepted(outcomes);
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(20), () -> accepted(outcomes) >= acceptedBefore + 20,
                () -> "intake did not recover: " + (accepted(outcomes) - acceptedBefore) + " accepted since");
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "a request hung");

        List<Outcome> all = new ArrayList<>(outcomes);
        assertTrue(readinessDownMs < 5000, "readiness took " + readinessDownMs + " ms to go DOWN");
        assertTrue(degradation.getBoolean("degraded"), degradation::toString);
        assertTrue(degradation.toString().contains("error-intake"), degradation::toString);
        long slowest = all.stream().mapToLong(Outcome::millis).max().orElse(0);
        assertTrue(slowest < REQUEST_BUDGET_MS, "slowest request took " + slowest + " ms");
        List<Outcome> failed = all.stream().filter(o -> o.status() >= 500).toList();
        assertTrue(!failed.isEmpty(), "nothing failed during the outage");
        assertTrue(failed.stream().allMatch(o -> o.status() == 503 && o.retryAfter() != null
                && List.of("DATABASE_UNAVAILABLE", "SERVICE_UNAVAILABLE").contains(o.code())),
                () -> failed.stream().map(Outcome::toString).distinct().limit(10).collect(Collectors.joining("\n")));
        assertTrue(failed.stream().anyMatch(o -> "DATABASE_UNAVAILABLE".equals(o.code())), failed::toString);
        assertTrue(all.stream().allMatch(o -> o.status() == 200 || o.status() == 202 || o.status() >= 500),
                () -> all.stream().filter(o -> o.status() < 500 && o.status() != 200 && o.status() != 202)
                        .limit(5).map(Outcome::toString).collect(Collectors.joining("\n")));
        long acceptedAfter = all.stream().filter(o -> o.write() && o.status() == 202).count();
        assertTrue(acceptedAfter > 0);

        Reply intake = http.postJson("/api/errors/report", "{\"message\":\"after\"}", "X-Faultline-Key", key);
        assertEquals(202, intake.status(), intake::toString);
        for (int worker = 0; worker < WRITERS; worker++) {
            int w = worker;
            Set<String> accepted = all.stream().filter(o -> o.worker() == w && o.status() == 202)
                    .map(Outcome::eventId).collect(Collectors.toSet());
            String groupId = groupOf(http, fingerprints.get(w), key);
            Set<String> stored = eventsOf(http, groupId);
            assertTrue(stored.containsAll(accepted), "accepted events missing: " + diff(accepted, stored));
            JsonObject group = http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin()).json();
            assertEquals(stored.size(), group.getInt("count"), "the group's count disagrees with its events");
        }
        awaitNotification(http, "Not ready: database");
        awaitNotification(http, "Ready again");
        System.out.printf("outage: readiness DOWN after %d ms, UP %d ms after restart; slowest request %d ms; "
                        + "%d requests, %d failed%n", readinessDownMs, readyAgainMs, slowest, all.size(), failed.size());
    }

    @Test
    void hungDatabaseMakesReadinessDownWithinItsBudget() throws Exception {
        PostgresCluster database = ServerSetup.database();
        assertEquals(200, http.get("/health/ready").status());
        database.freeze();
        try {
            long start = System.nanoTime();
            Reply ready = http.get("/health/ready");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, ready.status(), ready::toString);
            assertTrue(millis < 3000, "the probe took " + millis + " ms with a budget of 1000 ms per check");
            JsonObject check = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
            assertEquals("DOWN", check.getString("status"), check::toString);
            assertTrue(check.getJsonObject("data").getString("reason").contains("no answer within"), check::toString);
            Reply alias = http.get("/readyz");
            assertEquals(503, alias.status(), alias::toString);
            System.out.printf("hung database: readiness answered DOWN in %d ms%n", millis);
        } finally {
            database.thaw();
        }
        awaitStatus(http, "/health/ready", 200, Duration.ofSeconds(60));
    }

    private static long accepted(ConcurrentLinkedQueue<Outcome> outcomes) {
        return outcomes.stream().filter(o -> o.write() && o.status() == 202).count();
    }

    private static Outcome outcome(int worker, Reply reply, long start, boolean write) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        String code = null;
        String eventId = null;
        if (reply.status() >= 400 && reply.body().startsWith("{")) {
            code = reply.json().getString("code", null);
        } else if (reply.status() == 202) {
            eventId = reply.json().getString("id");
        }
        return new Outcome(worker, reply.status(), code, reply.header("Retry-After"), eventId, millis, write);
    }

    private static long awaitStatus(Http http, String path, int status, Duration budget) {
        long start = System.nanoTime();
        while (http.get(path).status() != status) {
            if (System.nanoTime() - start > budget.toNanos()) {
                throw new AssertionError(path + " did not answer " + status + " within " + budget);
            }
            Await.pause(100);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String groupOf(Http http, String fingerprint, String key) {
        Reply reply = http.postJson("/api/errors/report", "{\"message\":\"outage\",\"fingerprint\":[\"" + fingerprint + "\"]}",
                "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json().getString("groupId");
    }

    static Set<String> eventsOf(Http http, String groupId) {
        return eventsOf(http, groupId, Http.admin());
    }

    /** The ids of every event of a group, page by page. */
    static Set<String> eventsOf(Http http, String groupId, String authorization) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            Reply page = http.get("/api/errors/groups/" + groupId + "/events?limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), "Authorization", authorization);
            assertEquals(200, page.status(), page::toString);
            page.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(e -> ids.add(e.getString("id")));
            cursor = page.json().getString("nextCursor", null);
        } while (cursor != null);
        return ids;
    }

    private static Set<String> diff(Set<String> accepted, Set<String> stored) {
        Set<String> missing = new HashSet<>(accepted);
        missing.removeAll(stored);
        return missing;
    }

    private static void awaitNotification(Http http, String title) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            boolean found = http.get("/api/errors/notifications?limit=100", "Authorization", Http.admin()).json()
                    .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .anyMatch(n -> n.getString("kind").equals("readiness") && n.getString("title").startsWith(title));
            if (found) {
                return;
            }
            Await.pause(200);
        }
        throw new AssertionError("no readiness notification '" + title + "'");
    }
}
