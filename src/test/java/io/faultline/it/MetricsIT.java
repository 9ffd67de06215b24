package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.FeedClient;
import io.faultline.it.support.Http;
import io.faultline.it.support.Prometheus;
import io.faultline.it.support.Reply;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Prometheus metrics of contract section 4, checked as text, by promtool and by a real Prometheus. */
class MetricsIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withFixtures();
    }

    private static final Pattern OURS = Pattern.compile("^(http_server_requests|http_server_active_requests|faultline_|ws_)");

    @Test
    void requestTimerHasRouteTemplatesStatusesAndBuckets() {
        http.get("/fixtures/widgets/17?limit=3");
        String metrics = scrape();
        assertTrue(Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*route=\"/fixtures/widgets/\\{id}\"[^}]*status=\"200\"")
                .matcher(sorted(metrics)).find(), () -> excerpt(metrics, "http_server_requests"));
        assertTrue(Pattern.compile("(?m)^http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.005\"").matcher(metrics).find(),
                () -> "no 5 ms bucket:\n" + excerpt(metrics, "http_server_requests_seconds_bucket"));
        assertTrue(metrics.contains("# HELP http_server_requests_seconds"), () -> excerpt(metrics, "# HELP http"));
        assertTrue(metrics.contains("http_server_active_requests"), () -> excerpt(metrics, "active"));
    }

    @Test
    void everyMetricOfTheContractIsThereWithHelpFromTheStart() {
        String metrics = scrape();
        for (String name : List.of("http_server_requests_seconds", "http_server_active_requests", "faultline_errors_total",
                "ws_connections_active", "ws_connections_opened_total", "faultline_events_ingested_total",
                "faultline_webhook_deliveries_total", "faultline_ready", "faultline_circuit_state")) {
            assertTrue(metrics.contains("# HELP " + name), () -> "no HELP for " + name + ":\n" + excerpt(metrics, name));
        }
        for (String result : List.of("delivered", "failed", "dead")) {
            assertTrue(metrics.contains("faultline_webhook_deliveries_total{") && sorted(metrics).lines()
                    .anyMatch(l -> l.startsWith("faultline_webhook_deliveries_total{") && l.contains("result=\"" + result + "\"")),
                    () -> excerpt(metrics, "faultline_webhook"));
        }
    }

    @Test
    void errorsAreCountedByCodeAndRouteIncludingTheRuntimesOwn() {
        http.get("/no/such/" + UUID.randomUUID());
        http.send("DELETE", "/api/error-codes", null);
        http.send("POST", "/fixtures/widgets", "<w/>", "Content-Type", "application/xml");
        http.get("/fixtures/boom");
        String metrics = scrape();
        List<String> errors = metrics.lines().filter(l -> l.startsWith("faultline_errors_total{")).toList();
        for (List<String> labels : List.of(List.of("code=\"NOT_FOUND\"", "route=\"UNMATCHED\""),
                List.of("code=\"METHOD_NOT_ALLOWED\""), List.of("code=\"UNSUPPORTED_MEDIA_TYPE\""),
                List.of("code=\"INTERNAL_ERROR\"", "route=\"/fixtures/boom\""))) {
            assertTrue(errors.stream().anyMatch(l -> labels.stream().allMatch(l::contains)),
                    () -> labels + " not counted:\n" + String.join("\n", errors));
        }
    }

    @Test
    void unknownPathsDoNotGrowTheSeries() {
        for (int i = 0; i < 5; i++) {
            http.get("/warm/" + UUID.randomUUID());
        }
        Set<String> before = series(scrape());
        for (int i = 0; i < 1000; i++) {
            http.get("/random/" + UUID.randomUUID() + "/" + i);
        }
        Set<String> after = series(scrape());
        assertEquals(before, after, "series changed after 1000 unknown paths");
    }

    @Test
    void activeRequestsComeBackAfterRequestsTheServerRefusedFirst() {
        // On Payara the scrape itself passes through the WAR, and so counts as one in flight.
        double idle = activeRequests();
        assertTrue(idle == 0 || (!server.isLiberty() && idle == 1), () -> "in flight while idle: " + idle);
        // A wrong Basic credential is refused by the server's security layer before any filter runs.
        for (int i = 0; i < 200; i++) {
            Reply refused = http.get("/api/projects", "Authorization", Http.basic("nobody-" + i, "wrong-password"));
            assertEquals(401, refused.status(), refused::toString);
        }
        assertEquals(idle, activeRequests());
    }

    private double activeRequests() {
        List<String> active = samples(scrape(), "http_server_active_requests");
        assertEquals(1, active.size(), active::toString);
        return Double.parseDouble(active.get(0));
    }

    @Test
    void clientsOwnCloseCodesCountAsOther() throws InterruptedException {
        double before = closes("other");
        for (int code : new int[] {3999, 4123}) {
            try (FeedClient client = FeedClient.connect(server, Http.admin(), null, null)) {
                client.awaitType("welcome");
                client.closeWith(code);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closes("other") < before + 2 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertEquals(before + 2, closes("other"));
        String metrics = scrape();
        assertTrue(metrics.lines().noneMatch(l -> l.startsWith("ws_closes_total{")
                && (l.contains("\"3999\"") || l.contains("\"4123\""))), () -> excerpt(metrics, "ws_closes"));
    }

    private double closes(String code) {
        return scrape().lines().filter(l -> l.startsWith("ws_closes_total{") && l.contains("close_code=\"" + code + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The values of every sample of the metric, as the exposition writes them. */
    private List<String> samples(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }

    @Test
    void promtoolFindsNothingWrongWithOurMetrics() throws Exception {
        assumePrometheus();
        Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(scrape().getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String findings = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
        // Payara's exporter adds a _mean gauge to every timer and gives it no HELP line.
        List<String> ours = findings.lines().filter(l -> OURS.matcher(l.trim()).find())
                .filter(l -> server.isLiberty() || !l.trim().endsWith("_mean no help text")).toList();
        assertEquals(List.of(), ours, () -> "promtool findings:\n" + findings);
    }

    @Test
    void realPrometheusScrapesRatesAndErrorsByCode() throws Exception {
        assumePrometheus();
        Path work = Path.of(System.getProperty("faultline.it.target", "target"), "prometheus", server.kind());
        try (Prometheus prometheus = Prometheus.scraping(server, work)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String rate = "";
            String errors = "";
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 20; i++) {
                    http.get("/api/error-codes");
                    http.get("/nothing/here/" + i);
                }
                TimeUnit.MILLISECONDS.sleep(500);
                rate = prometheus.query("sum(rate(http_server_requests_seconds_count{route=\"/api/error-codes\"}[5s]))");
                errors = prometheus.query("sum by (code) (rate(faultline_errors_total[5s]))");
                if (positive(rate, null) && positive(errors, "NOT_FOUND")) {
                    return;
                }
            }
            String lastRate = rate;
            String lastErrors = errors;
            throw new AssertionError("Prometheus saw no request rate or error rate:\n" + lastRate + "\n" + lastErrors);
        }
    }

    private boolean positive(String answer, String code) {
        JsonObject json = Json.createReader(new StringReader(answer)).readObject();
        if (!"success".equals(json.getString("status"))) {
            return false;
        }
        JsonArray result = json.getJsonObject("data").getJsonArray("result");
        return result.getValuesAs(JsonObject.class).stream()
                .filter(r -> code == null || code.equals(r.getJsonObject("metric").getString("code", "")))
                .anyMatch(r -> Double.parseDouble(r.getJsonArray("value").getString(1)) > 0);
    }

    private void assumePrometheus() {
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Prometheus.installed(), "Debian's prometheus package is not installed");
        }
    }

    String scrape() {
        Reply reply = http.get("/metrics?scope=application", "Accept", "text/plain");
        assertEquals(200, reply.status(), reply::toString);
        return reply.body();
    }

    /** Each sample line with its labels in name order, so label order does not matter to a pattern. */
    private String sorted(String metrics) {
        return metrics.lines().map(MetricsIT::sortLabels).collect(Collectors.joining("\n"));
    }

    private static String sortLabels(String line) {
        int open = line.indexOf('{');
        int close = line.lastIndexOf('}');
        if (line.startsWith("#") || open < 0 || close < open) {
            return line;
        }
        String labels = List.of(line.substring(open + 1, close).split(",(?=[a-z_]+=\")")).stream().sorted()
                .collect(Collectors.joining(","));
        return line.substring(0, open + 1) + labels + line.substring(close);
    }

    private Set<String> series(String metrics) {
        return metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.substring(0, l.lastIndexOf(' '))).collect(Collectors.toSet());
    }

    private String excerpt(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.contains(prefix)).limit(40).collect(Collectors.joining("\n"));
    }
}
