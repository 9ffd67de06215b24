package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.FeedClient;
import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.PostgresCluster;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Server;
import io.faultline.it.support.ServerSetup;
import io.faultline.it.support.Settings;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database keep the promises of one (contract section 9): the
 * group's main server and a second server of the test's own, started on the same database. What
 * one commits reaches the other's feed clients; what one deletes stops working on the other
 * within a second; new groups and alert crossings stay single when both store them at once.
 */
class OtherInstanceIT extends OwnServerTest {

    private static final String MAIN = "main";
    private static final String OTHER_INSTANCE = "other-instance";
    /** The main server's instance id: by default, the host's name. */
    private static final String MAIN_INSTANCE = hostName();

    @Deployment(name = MAIN, testable = false)
    @TargetsContainer(Server.MAIN)
    static WebArchive main() {
        return Deployments.faultline();
    }

    @ArquillianResource
    @OperateOnDeployment(MAIN)
    URL mainUrl;

    Server main;
    Server other;
    Http onMain;
    Http onOther;

    @Override
    protected void prepare() {
        other = own.start(Map.of("faultline.instance.id", OTHER_INSTANCE));
        onOther = new Http(other);
        onOther.awaitReady();
        main = Server.at(mainUrl);
        onMain = new Http(main);
        onMain.awaitReady();
    }

    @Test
    void eachFeedReceivesWhatEitherInstanceCommittedOnceAndWithinASecond() {
        String key = Projects.newProjectKey(onMain, "cluster-feed");
        String slug = Projects.slugOf(onMain, key);
        try (FeedClient onMainFeed = subscribed(main, slug); FeedClient onOtherFeed = subscribed(other, slug)) {
            List<JsonObject> onMainFrames = new ArrayList<>();
            List<JsonObject> onOtherFrames = new ArrayList<>();
            String fromOther = report(onOther, key, "reported to the other instance");
            readWithinASecond(onMainFeed, onMainFrames, fromOther);
            String fromMain = report(onMain, key, "reported to the main instance");
            readWithinASecond(onOtherFeed, onOtherFrames, fromMain);

            Await.pause(1500);
            onMainFrames.addAll(onMainFeed.received());
            onOtherFrames.addAll(onOtherFeed.received());
            for (List<JsonObject> frames : List.of(onMainFrames, onOtherFrames)) {
                assertEquals(List.of(fromOther, fromMain), eventIds(frames), "each event once, in order: " + frames);
                assertEquals(List.of("new_group"), notifications(frames), frames::toString);
                assertTrue(frames.stream().noneMatch(f -> "lagged".equals(f.getString("type"))), frames::toString);
            }
        }
    }

    /** Reads the feed's frames into the list until the event is among them: at most a second. */
    private static void readWithinASecond(FeedClient feed, List<JsonObject> frames, String eventId) {
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (!eventIds(frames).contains(eventId)) {
            assertTrue(System.nanoTime() < deadline, () -> "event " + eventId + " not on the feed within 1 s: " + frames);
            Await.pause(10);
            frames.addAll(feed.received());
        }
    }

    private static List<String> eventIds(List<JsonObject> frames) {
        return frames.stream().filter(f -> "events".equals(f.getString("type")))
                .flatMap(f -> FeedClient.events(f).stream()).map(e -> e.getString("id")).toList();
    }

    private static List<String> notifications(List<JsonObject> frames) {
        return frames.stream().filter(f -> "notification".equals(f.getString("type")))
                .map(f -> f.getJsonObject("notification").getString("kind")).toList();
    }

    @Test
    void anOperatorDeletedOnOneInstanceIsRefusedOnTheOtherWithinASecond() {
        String name = "op" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = onMain.postJson("/api/users", "{\"username\":\"" + name
                + "\",\"password\":\"viewer-password-1\",\"role\":\"ops-viewer\"}", "Authorization", Http.admin());
        assertEquals(201, created.status(), created::toString);
        String auth = Http.basic(name, "viewer-password-1");
        // Signed in on the other instance: its check is remembered there for a minute.
        assertEquals(200, onOther.get("/api/projects", "Authorization", auth).status());
        assertEquals(200, onOther.get("/api/projects", "Authorization", auth).status());

        assertEquals(204, onMain.send("DELETE", "/api/users/" + name, null, "Authorization", Http.admin()).status());
        long refusedAfter = millisUntil(() -> onOther.get("/api/projects", "Authorization", auth).status() == 401);
        assertTrue(refusedAfter < 1000, "still signed in on the other instance after " + refusedAfter + " ms");
    }

    @Test
    void aDeletedProjectsKeyStopsWorkingOnTheOtherInstanceWithinASecond() {
        String key = Projects.newProjectKey(onMain, "cluster-key");
        String slug = Projects.slugOf(onMain, key);
        // Accepted on the other instance: the key is remembered there for a while.
        report(onOther, key, "before the deletion");

        assertEquals(204, onMain.send("DELETE", "/api/projects/" + slug, null, "Authorization", Http.admin()).status());
        long refusedAfter = millisUntil(() -> onOther.postJson("/api/errors/report",
                "{\"level\":\"error\",\"message\":\"after the deletion\"}", "X-Faultline-Key", key).status() == 401);
        assertTrue(refusedAfter < 1000, "the key still worked on the other instance after " + refusedAfter + " ms");
    }

    /**
     * A hundred reports of one new fingerprint, at once, half to each instance: both try to
     * create the group; every report is accepted, into one group, and an alert rule whose
     * threshold the hundred cross halfway fires once.
     */
    @Test
    void concurrentFirstEventsOfOneGroupOnBothInstancesMakeOneGroupAndOneAlert() throws Exception {
        String key = Projects.newProjectKey(onMain, "cluster-group");
        String slug = Projects.slugOf(onMain, key);
        Reply rule = onMain.postJson("/api/alert-rules", "{\"project\":\"" + slug
                + "\",\"minLevel\":\"error\",\"threshold\":50,\"windowSeconds\":600}", "Authorization", Http.admin());
        assertEquals(201, rule.status(), rule::toString);
        String ruleId = rule.json().getString("id");

        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Http to = i % 2 == 0 ? onMain : onOther;
                String body = "{\"level\":\"error\",\"message\":\"together " + i + "\",\"fingerprint\":[\"all-at-once\"]}";
                replies.add(clients.submit(() -> to.postJson("/api/errors/report", body, "X-Faultline-Key", key)));
            }
            for (Future<Reply> reply : replies) {
                assertEquals(202, reply.get().status(), () -> reply.toString());
            }
        } finally {
            clients.shutdownNow();
        }
        List<JsonObject> groups = onOther.get("/api/errors/groups?project=" + slug, "Authorization", Http.admin()).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, groups.size(), groups::toString);
        assertEquals(100, groups.get(0).getInt("count"), groups::toString);
        List<JsonObject> alerts = onMain.get("/api/errors/notifications?limit=500", "Authorization", Http.admin()).json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("kind").equals("alert") && n.getString("title").startsWith("Alert rule " + ruleId + ":"))
                .toList();
        assertEquals(1, alerts.size(), alerts::toString);
    }

    /**
     * A project's rate limit holds for both instances together: a flood sent to both at once is
     * accepted up to the burst and what the rate adds while it lasts, and at most a leased chunk
     * more per instance; one instance's bucket alone would let each take the whole burst.
     */
    @Test
    void aProjectsRateLimitHoldsForBothInstancesTogether() throws Exception {
        String key = Projects.newProjectKey(onMain, "cluster-limit");
        String batch = "[" + String.join(",", java.util.Collections.nCopies(100, "{\"message\":\"flood\"}")) + "]";
        // Twice the burst, half to each: each instance alone would take all of its half.
        long requests = Settings.INGEST_BURST * 2 / 100;
        ExecutorService clients = Executors.newFixedThreadPool(10);
        long start = System.nanoTime();
        int accepted = 0;
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                Http to = i % 2 == 0 ? onMain : onOther;
                replies.add(clients.submit(() -> to.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key)));
            }
            for (Future<Reply> reply : replies) {
                Reply answered = reply.get();
                assertTrue(answered.status() == 202 || answered.status() == 429, answered::toString);
                accepted += answered.status() == 202 ? 100 : 0;
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long chunk = Math.max(1, Math.min(Settings.INGEST_RATE, Settings.INGEST_BURST) / 10);
        double bound = Settings.INGEST_BURST + Settings.INGEST_RATE * seconds + 2 * chunk;
        assertTrue(accepted <= bound, accepted + " events accepted in " + seconds + " s; the cluster's bound is " + bound);
        // Tokens an instance leased short of a whole batch lapse: fewer than a batch each.
        assertTrue(accepted >= Settings.INGEST_BURST - 200, "only " + accepted + " accepted: the burst is "
                + Settings.INGEST_BURST);
    }

    /**
     * PostgreSQL stopped for five seconds under both instances: both go unready and come back
     * without a restart, and the outage is one notification that names both, not one each.
     */
    @Test
    void aDatabaseOutageBothInstancesSawIsOneNotificationNamingBoth() throws Exception {
        String key = Projects.newProjectKey(onMain, "cluster-outage");
        FeedClient feed = subscribed(main, Projects.slugOf(onMain, key));
        PostgresCluster database = ServerSetup.database();
        Instant before = Instant.now();
        database.stopAbruptly();
        try {
            for (Http http : List.of(onMain, onOther)) {
                Await.until(Duration.ofSeconds(10), Duration.ofMillis(100), () -> http.get("/health/ready").status() == 503,
                        () -> http.uri("/health/ready") + " stayed ready without its database");
            }
            Await.pause(5000);
        } finally {
            database.start();
        }
        for (Http http : List.of(onMain, onOther)) {
            Await.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> http.get("/health/ready").status() == 200,
                    () -> http.uri("/health/ready") + " did not recover");
        }
        Set<String> both = Set.of(MAIN_INSTANCE, OTHER_INSTANCE);
        for (String title : List.of("Not ready: database", "Ready again")) {
            Await.until(Duration.ofSeconds(30), Duration.ofMillis(200),
                    () -> readinessSince(before, title).stream().anyMatch(n -> instances(n).equals(both)),
                    () -> "no '" + title + "' notification naming both instances: " + readinessSince(before, title));
            List<JsonObject> notified = readinessSince(before, title);
            assertEquals(1, notified.size(), "one notification for the cluster: " + notified);
        }
        // The main instance's listener lost its connection: its feed client is told it may have
        // missed what the other instance committed meanwhile, and hears the other instance again.
        try (feed) {
            JsonObject lagged = feed.await(f -> "lagged".equals(f.getString("type")), 30);
            assertEquals("cluster", lagged.getString("reason"), lagged::toString);
            List<JsonObject> frames = new ArrayList<>(feed.received());
            readWithinASecond(feed, frames, report(onOther, key, "after the outage"));
        }
    }

    private List<JsonObject> readinessSince(Instant since, String title) {
        return onOther.get("/api/errors/notifications?limit=100", "Authorization", Http.admin()).json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("kind").equals("readiness") && n.getString("title").startsWith(title)
                        && Instant.parse(n.getString("createdAt")).isAfter(since))
                .toList();
    }

    private static Set<String> instances(JsonObject notification) {
        return notification.containsKey("instances")
                ? Set.copyOf(notification.getJsonArray("instances").getValuesAs(JsonString::getString)) : Set.of();
    }

    private static FeedClient subscribed(Server server, String slug) {
        FeedClient feed = FeedClient.connect(server, Http.admin(), null, null);
        feed.awaitType("welcome");
        feed.send("{\"type\":\"subscribe\",\"projects\":[\"" + slug + "\"]}");
        feed.awaitType("subscribed");
        return feed;
    }

    private static String report(Http http, String key, String message) {
        Reply reply = http.postJson("/api/errors/report", "{\"level\":\"error\",\"message\":\"" + message
                + "\",\"fingerprint\":[\"cluster\"]}", "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        return reply.json().getString("id");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long, from now, until the condition holds; polled every 20 ms, for at most 10 s. */
    private static long millisUntil(BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > 10_000_000_000L) {
                throw new AssertionError("not within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
