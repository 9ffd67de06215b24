package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Cluster;
import io.faultline.it.support.Http;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Selected;
import io.faultline.it.support.Server;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster benchmark, run by {@code SCENARIOS=cluster src/bench/run}, never by {@code mvn
 * verify}: two Open Liberty instances on one PostgreSQL database behind haproxy. Intake in batches
 * of 100 (wrk, src/bench/report-batch.lua) to one instance alone and then through haproxy to both,
 * each after a warm-up; then the live feed's latency from each event's 202 to its arrival at 50
 * clients, with the clients on one instance and intake to the same one, then to the other. The
 * figures go to target/bench/cluster.txt.
 */
@ExtendWith(Selected.class)
class ClusterBenchmark {

    private static final String PASSWORD = "bench-admin-password";
    private static final String WARMUP = System.getenv().getOrDefault("WARMUP", "120s");
    private static final String DURATION = System.getenv().getOrDefault("DURATION", "60s");
    private static final String CONNECTIONS = System.getenv().getOrDefault("BATCH_CONNECTIONS", "8");
    private static final Path RESULTS = Server.target().resolve("bench/cluster.txt");

    @Test
    void measure() throws Exception {
        Files.createDirectories(RESULTS.getParent());
        Files.writeString(RESULTS, "# Faultline cluster benchmark: two Open Liberty instances on one PostgreSQL behind haproxy, "
                + Runtime.getRuntime().availableProcessors() + " cores; wrk -t2 -c" + CONNECTIONS + ", " + DURATION
                + " after a " + WARMUP + " warm-up each\n", StandardCharsets.UTF_8);
        try (Cluster cluster = Cluster.start(List.of("liberty-1", "liberty-2"), List.of(), Map.of(
                "FAULTLINE_ADMIN_PASSWORD", PASSWORD, "FAULTLINE_INGEST_RATE_PER_SECOND", "1000000",
                "FAULTLINE_INGEST_BURST", "10000000"))) {
            Server one = cluster.members().get(0).server();
            Server other = cluster.members().get(1).server();
            Server balanced = cluster.balanced();

            String warmKey = project(balanced, "warm-up");
            wrk(balanced, warmKey, WARMUP);
            wrk(one, warmKey, WARMUP);
            String aloneKey = project(balanced, "one-instance");
            record("## intake, batches of 100, to one instance alone (the other idle)", wrk(one, aloneKey, DURATION));
            String bothKey = project(balanced, "two-instances");
            record("## intake, batches of 100, through haproxy to both instances", wrk(balanced, bothKey, DURATION));
            for (String key : List.of(aloneKey, bothKey)) {
                record("stored_events=" + stored(balanced, key));
            }

            for (int rate : List.of(100, 1000)) {
                String localKey = project(balanced, "feed-local");
                record("## feed: 50 clients on " + cluster.members().get(0).id() + ", " + rate
                        + " events/s for 30 s reported to the same instance", feed(one, one, localKey, rate));
                String remoteKey = project(balanced, "feed-remote");
                record("## feed: 50 clients on " + cluster.members().get(0).id() + ", " + rate
                        + " events/s for 30 s reported to the other instance", feed(one, other, remoteKey, rate));
            }
        }
    }

    private static String wrk(Server server, String key, String duration) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration, "--latency",
                "-s", "src/bench/report-batch.lua", server.base().toString()).redirectErrorStream(true);
        builder.environment().put("FAULTLINE_KEY", key);
        return run(builder);
    }

    private static String feed(Server clients, Server intake, String key, int rate) throws Exception {
        String slug = slugOf(clients, key);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "src/bench/FeedLatency.java", clients.base().toString(), "admin", PASSWORD, key, slug).redirectErrorStream(true);
        builder.environment().putAll(Map.of("CLIENTS", "50", "RATE", Integer.toString(rate), "SECONDS", "30",
                "INTAKE_URL", intake.base().toString()));
        return run(builder);
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    private static String project(Server server, String prefix) {
        Reply reply = new Http(server).postJson("/api/projects", "{\"slug\":\"" + prefix + "-" + UUID.randomUUID().toString()
                .substring(0, 8) + "\",\"name\":\"Benchmark\"}", "Authorization", Http.basic("admin", PASSWORD));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().getString("key");
    }

    private static String slugOf(Server server, String key) {
        return new Http(server).get("/api/projects", "Authorization", Http.basic("admin", PASSWORD)).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(p -> key.startsWith(p.getString("keyPrefix")))
                .findFirst().orElseThrow().getString("slug");
    }

    /** The events stored for the project: the sum of its groups' counts (the script uses 20 groups). */
    private static long stored(Server server, String key) {
        String slug = slugOf(server, key);
        List<JsonObject> groups = new ArrayList<>(new Http(server).get("/api/errors/groups?project=" + slug + "&limit=100",
                "Authorization", Http.basic("admin", PASSWORD)).json().getJsonArray("items").getValuesAs(JsonObject.class));
        assertTrue(groups.size() < 100, "more groups than one page");
        return groups.stream().mapToLong(g -> g.getJsonNumber("count").longValue()).sum();
    }

    private static void record(String... lines) throws Exception {
        String text = String.join("\n", lines).strip() + "\n";
        System.out.print(text);
        Files.writeString(RESULTS, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
