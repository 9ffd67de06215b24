package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.Cluster;
import io.faultline.it.support.FeedClient;
import io.faultline.it.support.Http;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Selected;
import io.faultline.it.support.Server;
import io.faultline.it.support.Settings;
import io.faultline.it.support.WebhookReceiver;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contract section 9 on a real cluster ({@link Cluster}): two Open Liberty instances and one
 * Payara Micro, started together on one empty PostgreSQL database with no admin password, behind
 * haproxy. Operators and SDKs talk to haproxy; a test that must reach one instance talks to it.
 */
@ExtendWith(Selected.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Pattern GENERATED = Pattern.compile("with the generated password (\\S+) \\.");
    private static final Pattern RETENTION = Pattern.compile("\\{\"timestamp\":\"([^\"]+)\".*\"message\":\"Retention deleted (\\d+) events");
    private static final long RETENTION_INTERVAL_SECONDS = 2;

    private Cluster cluster;
    private Http balanced;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        long starting = System.nanoTime();
        cluster = Cluster.start(Map.of("FAULTLINE_RETENTION_INTERVAL_SECONDS", Long.toString(RETENTION_INTERVAL_SECONDS)));
        System.out.printf("cluster: three instances and haproxy ready %d ms after the database%n",
                (System.nanoTime() - starting) / 1_000_000);
        balanced = new Http(cluster.balanced());
        admin = Http.basic("admin", generatedPasswords().values().stream().flatMap(Set::stream).findFirst()
                .orElseThrow(() -> new AssertionError("no instance logged a generated password")));
    }

    /** The generated passwords each instance logged, by instance. */
    private Map<String, Set<String>> generatedPasswords() {
        Map<String, Set<String>> passwords = new HashMap<>();
        for (Cluster.Member member : cluster.members()) {
            Matcher generated = GENERATED.matcher(member.logText());
            while (generated.find()) {
                passwords.computeIfAbsent(member.id(), id -> new HashSet<>()).add(generated.group(1));
            }
        }
        return passwords;
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theFirstStartMadeOneAdminWhosePasswordWorksOnEveryInstance() {
        Map<String, Set<String>> passwords = generatedPasswords();
        assertEquals(1, passwords.size(), "one instance generated the admin's password: " + passwords.keySet());
        assertEquals(1, passwords.values().iterator().next().size(), "one password");
        for (Cluster.Member member : cluster.members()) {
            assertEquals(200, member.http().get("/api/projects", "Authorization", admin).status(), member.id());
        }
        List<JsonObject> users = balanced.get("/api/users", "Authorization", admin).json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertEquals(1, users.size(), users::toString);
    }

    @Test
    @Order(2)
    void aFeedClientOnEachInstanceReceivesEveryEventOnceWithinASecond() {
        String key = project("feed");
        String slug = slugOf(key);
        // A client on each instance, and one through haproxy, which tunnels the WebSocket.
        Map<String, Server> watchers = new LinkedHashMap<>();
        cluster.members().forEach(member -> watchers.put(member.id(), member.server()));
        watchers.put("haproxy", cluster.balanced());
        Map<String, FeedClient> feeds = new HashMap<>();
        Map<String, List<JsonObject>> frames = new HashMap<>();
        try {
            watchers.forEach((name, server) -> {
                FeedClient feed = FeedClient.connect(server, admin, null, null);
                feed.awaitType("welcome");
                feed.send("{\"type\":\"subscribe\",\"projects\":[\"" + slug + "\"]}");
                feed.awaitType("subscribed");
                feeds.put(name, feed);
                frames.put(name, new ArrayList<>());
            });
            List<String> reported = new ArrayList<>();
            for (Cluster.Member to : cluster.members()) {
                Reply reply = to.http().postJson("/api/errors/report", "{\"level\":\"error\",\"message\":\"to " + to.id()
                        + "\"}", "X-Faultline-Key", key);
                assertEquals(202, reply.status(), reply::toString);
                String id = reply.json().getString("id");
                reported.add(id);
                long accepted = System.nanoTime();
                long deadline = accepted + 1_000_000_000L;
                for (String watcher : watchers.keySet()) {
                    List<JsonObject> seen = frames.get(watcher);
                    while (!eventIds(seen).contains(id)) {
                        assertTrue(System.nanoTime() < deadline, () -> "reported to " + to.id() + ", not on the feed of "
                                + watcher + " within 1 s: " + seen);
                        Await.pause(5);
                        seen.addAll(feeds.get(watcher).received());
                    }
                    System.out.printf("cluster: an event reported to %s was on the feed of %s within %d ms of its 202%n",
                            to.id(), watcher, (System.nanoTime() - accepted) / 1_000_000);
                }
            }
            Await.pause(1000);
            for (String watcher : watchers.keySet()) {
                List<JsonObject> seen = frames.get(watcher);
                seen.addAll(feeds.get(watcher).received());
                assertEquals(reported, eventIds(seen), "on " + watcher + ", each event once, in order");
            }
        } finally {
            feeds.values().forEach(FeedClient::close);
        }
    }

    @Test
    @Order(3)
    void twoHundredNotificationsAreEachDeliveredOnceWithExactAttempts() throws Exception {
        String key = project("hooks");
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.Mode.OK)) {
            Reply hook = balanced.postJson("/api/webhooks", "{\"url\":\"" + receiver.url()
                    + "\",\"secret\":\"" + secret()
                    + "\",\"events\":[\"new_group\"]}", "Authorization", admin);
            assertEquals(201, hook.status(), hook::toString);
            String webhookId = hook.json().getString("id");
            // Two hundred new groups, ten to a request, through haproxy: each instance stores some.
            for (int request = 0; request < 20; request++) {
                String batch = IntStream.range(0, 10).mapToObj(i -> "{\"level\":\"error\",\"message\":\"new\",\"fingerprint\":[\""
                        + UUID.randomUUID() + "\"]}").collect(Collectors.joining(",", "[", "]"));
                Reply reply = balanced.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key);
                assertEquals(202, reply.status(), reply::toString);
            }
            List<WebhookReceiver.Received> received = receiver.await(Duration.ofSeconds(60), r -> r.size() >= 200);
            Await.pause(3000);
            received = receiver.received();
            Map<String, Long> byId = received.stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"),
                    Collectors.counting()));
            assertEquals(200, byId.size(), "distinct webhook-ids");
            assertEquals(Map.of(), byId.entrySet().stream().filter(e -> e.getValue() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "ids received more than once");
            List<JsonObject> deliveries = balanced.get("/api/webhooks/" + webhookId + "/deliveries?limit=500",
                    "Authorization", admin).json().getJsonArray("items").getValuesAs(JsonObject.class);
            assertEquals(200, deliveries.size());
            assertTrue(deliveries.stream().allMatch(d -> d.getInt("attempts") == 1 && "delivered".equals(d.getString("status"))),
                    deliveries::toString);
        }
    }

    @Test
    @Order(4)
    void aHundredFirstEventsOfOneGroupAcrossTheInstancesMakeOneGroupAndOneAlert() throws Exception {
        String key = project("together");
        String slug = slugOf(key);
        Reply rule = balanced.postJson("/api/alert-rules", "{\"project\":\"" + slug
                + "\",\"minLevel\":\"error\",\"threshold\":50,\"windowSeconds\":600}", "Authorization", admin);
        assertEquals(201, rule.status(), rule::toString);
        String ruleId = rule.json().getString("id");
        ExecutorService clients = Executors.newFixedThreadPool(24);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String body = "{\"level\":\"error\",\"message\":\"together " + i + "\",\"fingerprint\":[\"one\"]}";
                replies.add(clients.submit(() -> balanced.postJson("/api/errors/report", body, "X-Faultline-Key", key)));
            }
            for (Future<Reply> reply : replies) {
                Reply answered = reply.get();
                assertEquals(202, answered.status(), answered::toString);
            }
        } finally {
            clients.shutdownNow();
        }
        List<JsonObject> groups = balanced.get("/api/errors/groups?project=" + slug, "Authorization", admin).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, groups.size(), groups::toString);
        assertEquals(100, groups.get(0).getInt("count"));
        List<JsonObject> alerts = notifications().stream().filter(n -> n.getString("kind").equals("alert")
                && n.getString("title").startsWith("Alert rule " + ruleId + ":")).toList();
        assertEquals(1, alerts.size(), alerts::toString);
    }

    @Test
    @Order(6)
    void anOperatorDeletedThroughOneInstanceIsRefusedByEveryOtherWithinASecond() {
        String name = "op" + UUID.randomUUID().toString().substring(0, 8);
        Cluster.Member first = cluster.members().get(0);
        Reply created = first.http().postJson("/api/users", "{\"username\":\"" + name
                + "\",\"password\":\"viewer-password-1\",\"role\":\"ops-viewer\"}", "Authorization", admin);
        assertEquals(201, created.status(), created::toString);
        String auth = Http.basic(name, "viewer-password-1");
        for (Cluster.Member member : cluster.members()) {
            assertEquals(200, member.http().get("/api/projects", "Authorization", auth).status(), member.id());
        }
        assertEquals(204, first.http().send("DELETE", "/api/users/" + name, null, "Authorization", admin).status());
        long start = System.nanoTime();
        for (Cluster.Member member : cluster.members()) {
            Http http = member.http();
            Await.until(Duration.ofSeconds(10), Duration.ofMillis(20),
                    () -> http.get("/api/projects", "Authorization", auth).status() == 401, () -> member.id() + " still signs in");
            long after = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("cluster: %s refused the deleted operator %d ms after the deletion%n", member.id(), after);
            assertTrue(after < 1000, member.id() + " refused the deleted operator only after " + after + " ms");
        }
    }

    @Test
    @Order(7)
    void aDatabaseOutageIsOneNotificationNamingEveryInstanceAndAllRecover() throws Exception {
        Instant before = Instant.now();
        cluster.database().stopAbruptly();
        try {
            for (Cluster.Member member : cluster.members()) {
                Http http = member.http();
                Await.until(Duration.ofSeconds(10), Duration.ofMillis(100), () -> http.get("/health/ready").status() == 503,
                        () -> member.id() + " stayed ready");
            }
            Await.pause(5000);
        } finally {
            cluster.database().start();
        }
        for (Cluster.Member member : cluster.members()) {
            Http http = member.http();
            Await.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> http.get("/health/ready").status() == 200,
                    () -> member.id() + " did not recover");
        }
        // haproxy checks each instance every second: it sends to them again once it has seen them ready.
        Await.until(Duration.ofSeconds(10), Duration.ofMillis(100), () -> balanced.get("/health/ready").status() == 200,
                () -> "haproxy has no instance to send to");
        Set<String> every = cluster.members().stream().map(Cluster.Member::id).collect(Collectors.toSet());
        for (String title : List.of("Not ready: database", "Ready again")) {
            Await.until(Duration.ofSeconds(30), Duration.ofMillis(200),
                    () -> readinessSince(before, title).stream().anyMatch(n -> instances(n).equals(every)),
                    () -> "no '" + title + "' notification naming every instance: " + readinessSince(before, title));
            assertEquals(1, readinessSince(before, title).size(), title);
        }
        String key = project("after-outage");
        for (Cluster.Member member : cluster.members()) {
            assertEquals(202, member.http().postJson("/api/errors/report", "{\"message\":\"back\"}", "X-Faultline-Key", key)
                    .status(), member.id());
        }
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Retention runs once per interval on the whole cluster, though every instance schedules it:
     * events made 40 days old in the database are deleted, and the counts the runs log add up to
     * them.
     */
    @Test
    @Order(5)
    void retentionRunsOncePerIntervalAcrossTheClusterAndItsCountsAddUp() throws Exception {
        String key = project("retention");
        String slug = slugOf(key);
        for (int request = 0; request < 3; request++) {
            String batch = IntStream.range(0, 100).mapToObj(i -> "{\"message\":\"old\"}").collect(Collectors.joining(",", "[", "]"));
            assertEquals(202, balanced.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key).status());
        }
        Instant aged = Instant.now();
        assertEquals("UPDATE 300", cluster.query("UPDATE ERROR_EVENT SET RECEIVED_AT = RECEIVED_AT - INTERVAL '40 days'"
                + " WHERE PROJECT_ID = (SELECT ID FROM PROJECT WHERE SLUG = '" + slug + "')"));
        Await.until(Duration.ofSeconds(20), Duration.ofMillis(200), () -> retentionRunsSince(aged).stream()
                .mapToLong(run -> run[1]).sum() >= 300, () -> "not deleted: " + retentionRunsSince(aged));
        Await.pause(RETENTION_INTERVAL_SECONDS * 5_000);
        List<long[]> runs = retentionRunsSince(aged);
        assertEquals(300, runs.stream().mapToLong(run -> run[1]).sum(), "deleted counts add up");
        assertEquals("0", cluster.query("SELECT COUNT(*) FROM ERROR_EVENT WHERE PROJECT_ID = (SELECT ID FROM PROJECT WHERE SLUG = '"
                + slug + "')"));
        // Over the last five intervals: about five runs on the whole cluster, not five on each of three instances.
        long window = runs.get(runs.size() - 1)[0] - RETENTION_INTERVAL_SECONDS * 5_000;
        long inWindow = runs.stream().filter(run -> run[0] > window).count();
        System.out.printf("cluster: %d retention runs in the last %d s, on %d instances%n", inWindow,
                RETENTION_INTERVAL_SECONDS * 5, cluster.members().size());
        assertTrue(inWindow >= 3 && inWindow <= 6, inWindow + " runs in five intervals: " + runs.size());
    }

    /**
     * A project's rate limit holds for the whole cluster, through haproxy: twice the burst sent at
     * once is accepted up to the burst and what the rate adds meanwhile, a leased chunk more per
     * instance at most, and the refusals are 429 with the rate-limit headers. Last: after the
     * crash, with the instances left.
     */
    @Test
    @Order(9)
    void aProjectsRateLimitHoldsThroughHaproxyForTheWholeCluster() throws Exception {
        String key = project("limit");
        String batch = IntStream.range(0, 100).mapToObj(i -> "{\"message\":\"flood\"}").collect(Collectors.joining(",", "[", "]"));
        long requests = Settings.INGEST_BURST * 2 / 100;
        ExecutorService clients = Executors.newFixedThreadPool(10);
        long start = System.nanoTime();
        long accepted = 0;
        Reply refused = null;
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replies.add(clients.submit(() -> balanced.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key)));
            }
            for (Future<Reply> reply : replies) {
                Reply answered = reply.get();
                assertTrue(answered.status() == 202 || answered.status() == 429, answered::toString);
                if (answered.status() == 202) {
                    accepted += 100;
                } else {
                    refused = answered;
                }
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long chunk = Math.max(1, Math.min(Settings.INGEST_RATE, Settings.INGEST_BURST) / 10);
        double bound = Settings.INGEST_BURST + Settings.INGEST_RATE * seconds + cluster.members().size() * chunk;
        System.out.printf("cluster: %d of %d events accepted through haproxy in %.1f s; the bound is %.0f%n", accepted,
                requests * 100, seconds, bound);
        assertTrue(accepted <= bound, accepted + " accepted in " + seconds + " s, above " + bound);
        assertTrue(accepted >= Settings.INGEST_BURST - 100L * cluster.members().size(), accepted + " accepted");
        assertTrue(refused != null && refused.header("Retry-After") != null && refused.header("RateLimit") != null
                && refused.header("RateLimit-Policy") != null, () -> "no refusal with its headers");
    }

    /** Each retention run logged by any instance since then: when (epoch millis) and how many it deleted, in time order. */
    private List<long[]> retentionRunsSince(Instant since) {
        List<long[]> runs = new ArrayList<>();
        for (Cluster.Member member : cluster.members()) {
            for (String line : member.jsonLog()) {
                Matcher run = RETENTION.matcher(line);
                if (run.find() && Instant.parse(run.group(1)).isAfter(since)) {
                    runs.add(new long[] {Instant.parse(run.group(1)).toEpochMilli(), Long.parseLong(run.group(2))});
                }
            }
        }
        runs.sort(java.util.Comparator.comparingLong(run -> run[0]));
        return runs;
    }

    /**
     * An instance killed while its receiver holds a delivery: once the lease ends, another
     * instance sends it again, with the same {@code webhook-id}. Last: one instance fewer after it.
     */
    @Test
    @Order(8)
    void aDeliveryCutOffByACrashIsSentAgainByAnotherInstanceWithTheSameId() throws Exception {
        String key = project("crash");
        try (WebhookReceiver receiver = new WebhookReceiver(WebhookReceiver.Mode.HANG)) {
            Reply hook = balanced.postJson("/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + secret()
                    + "\",\"events\":[\"new_group\"]}", "Authorization", admin);
            assertEquals(201, hook.status(), hook::toString);
            String webhookId = hook.json().getString("id");
            assertEquals(202, balanced.postJson("/api/errors/report", "{\"message\":\"cut off\",\"fingerprint\":[\""
                    + UUID.randomUUID() + "\"]}", "X-Faultline-Key", key).status());
            String first = receiver.await(Duration.ofSeconds(20), r -> !r.isEmpty()).get(0).header("webhook-id");
            String owner = cluster.query("SELECT d.LEASE_OWNER FROM WEBHOOK_DELIVERY d WHERE d.WEBHOOK_ID = " + webhookId);
            Cluster.Member sender = cluster.members().stream().filter(m -> owner.startsWith(m.id() + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no instance owns the delivery's lease: '" + owner + "'"));
            long killedAt = System.nanoTime();
            cluster.kill(sender);
            receiver.answer(WebhookReceiver.Mode.OK);

            List<WebhookReceiver.Received> received = receiver.await(Duration.ofSeconds(40), r -> r.size() >= 2);
            long afterMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("cluster: %s killed mid-delivery; the delivery was sent again %d ms later%n", sender.id(), afterMs);
            assertEquals(first, received.get(1).header("webhook-id"), "sent again as the same message");
            assertTrue(afterMs >= 5_000, "sent again after " + afterMs + " ms: before the lease ended");
            JsonObject delivery = balanced.get("/api/webhooks/" + webhookId + "/deliveries", "Authorization", admin).json()
                    .getJsonArray("items").getJsonObject(0);
            Await.until(Duration.ofSeconds(10), Duration.ofMillis(200), () -> "delivered".equals(balanced.get("/api/webhooks/"
                    + webhookId + "/deliveries", "Authorization", admin).json().getJsonArray("items").getJsonObject(0)
                    .getString("status")), () -> "not delivered: " + delivery);
        }
    }

    private List<JsonObject> readinessSince(Instant since, String title) {
        return notifications().stream().filter(n -> n.getString("kind").equals("readiness")
                && n.getString("title").startsWith(title) && Instant.parse(n.getString("createdAt")).isAfter(since)).toList();
    }

    private static Set<String> instances(JsonObject notification) {
        return notification.containsKey("instances")
                ? Set.copyOf(notification.getJsonArray("instances").getValuesAs(JsonString::getString)) : Set.of();
    }

    private List<JsonObject> notifications() {
        return balanced.get("/api/errors/notifications?limit=500", "Authorization", admin).json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    private String project(String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply reply = balanced.postJson("/api/projects", "{\"slug\":\"" + slug + "\",\"name\":\"" + prefix + "\"}",
                "Authorization", admin);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getString("key");
    }

    private String slugOf(String key) {
        return balanced.get("/api/projects", "Authorization", admin).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(p -> key.startsWith(p.getString("keyPrefix")))
                .findFirst().orElseThrow().getString("slug");
    }

    private static List<String> eventIds(List<JsonObject> frames) {
        return frames.stream().filter(f -> "events".equals(f.getString("type")))
                .flatMap(f -> FeedClient.events(f).stream()).map(e -> e.getString("id")).toList();
    }
}
