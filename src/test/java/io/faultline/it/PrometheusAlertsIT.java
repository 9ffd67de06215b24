package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Prometheus;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Server;
import io.faultline.it.support.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shipped rules and dashboard against the real thing: a real Prometheus evaluates
 * docs/prometheus/faultline-rules.yml every second while scraping a server whose disk threshold
 * is above the free space, which gets a flood of unknown paths, failing requests and a webhook
 * receiver that fails every delivery; each alert those conditions mean must fire, and every
 * panel query of docs/grafana/faultline.json must return series.
 */
class PrometheusAlertsIT extends OwnServerTest {

    private static final Path RULES = Path.of("docs/prometheus/faultline-rules.yml");
    private static final Path DASHBOARD = Path.of("docs/grafana/faultline.json");

    Server server;
    Http http;
    Prometheus prometheus;
    WebhookReceiver receiver;

    @Override
    protected void prepare() throws Exception {
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Prometheus.installed(), "Debian's prometheus package is not installed");
        }
        server = own.start(Map.of("faultline.health.min-free-disk-mb", Long.toString(Long.MAX_VALUE / (1024 * 1024))));
        http = new Http(server);
        Path work = Path.of(System.getProperty("faultline.it.target", "target"), "prometheus-rules", server.kind());
        Files.createDirectories(work);
        // The rules as shipped, but with every 'for' at zero: the test cannot wait the minutes
        // an operator would before being paged. The expressions are the shipped ones.
        Path rules = work.resolve("faultline-rules.yml");
        Files.writeString(rules, Files.readString(RULES).replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 0s"));
        prometheus = Prometheus.evaluating(rules, server, work);
        receiver = new WebhookReceiver(WebhookReceiver.Mode.FAIL);
    }

    @AfterAll
    void stopPrometheus() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void eachConditionFiresItsAlertAndEveryDashboardQueryAnswers() throws Exception {
        String key = Projects.newProjectKey(http, "alerting");
        Reply webhook = http.postJson("/api/webhooks", "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + secret()
                + "\",\"events\":[\"new_group\"]}", "Authorization", Http.admin());
        assertEquals(201, webhook.status(), webhook::toString);

        Set<String> expected = Set.of("FaultlineNotReady", "FaultlineUnmatchedRouteFlood", "FaultlineHighServerErrorRatio",
                "FaultlineCircuitOpen", "FaultlineWebhookDeliveriesDead");
        Map<String, JsonObject> firing = new LinkedHashMap<>();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(120);
        int round = 0;
        while (!firing.keySet().containsAll(expected) && System.nanoTime() < deadline) {
            // Spread over scrapes: a rate needs the counters to grow between two of them.
            for (int i = 0; i < 40; i++) {
                http.get("/no/such/path/" + UUID.randomUUID());
            }
            http.get("/fixtures/boom");
            if (round++ < 4) {
                Reply report = http.postJson("/api/errors/report", "{\"message\":\"new group " + UUID.randomUUID()
                        + "\",\"fingerprint\":[\"" + UUID.randomUUID() + "\"]}", "X-Faultline-Key", key);
                assertEquals(202, report.status(), report::toString);
            }
            firing = firingAlerts();
            Await.pause(500);
        }
        System.out.println("alerts firing after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s: "
                + firing.keySet());
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(firing.keySet());
        assertEquals(Set.of(), missing, () -> "alerts that did not fire; Prometheus says " + alertsJson());
        assertEquals("/fixtures/boom", firing.get("FaultlineHighServerErrorRatio").getJsonObject("labels").getString("route"));
        assertEquals("webhook-delivery", firing.get("FaultlineCircuitOpen").getJsonObject("labels").getString("circuit"));
        JsonObject notReady = firing.get("FaultlineNotReady");
        assertEquals("critical", notReady.getJsonObject("labels").getString("severity"));
        assertEquals("docs/runbooks.md#faultlinenotready", notReady.getJsonObject("annotations").getString("runbook_url"));
        assertFalse(firing.containsKey("FaultlineDown"), "the server is up: " + firing.keySet());

        List<String> failing = new ArrayList<>();
        for (String query : dashboardQueries()) {
            JsonObject answer = json(prometheus.query(query));
            if (!"success".equals(answer.getString("status"))
                    || answer.getJsonObject("data").getJsonArray("result").isEmpty()) {
                failing.add(query + " -> " + answer);
            }
        }
        assertEquals(List.of(), failing, "dashboard queries without series");
    }

    /** Every panel's PromQL, with the dashboard's variables as Grafana would fill them for 'All'. */
    List<String> dashboardQueries() throws Exception {
        JsonObject dashboard = json(Files.readString(DASHBOARD));
        List<String> queries = new ArrayList<>();
        for (JsonValue panel : dashboard.getJsonArray("panels")) {
            for (JsonValue target : panel.asJsonObject().getOrDefault("targets", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
                queries.add(target.asJsonObject().getString("expr").replace("$instance", ".*").replace("$route", ".*")
                        .replace("$__rate_interval", "1m"));
            }
        }
        assertTrue(queries.size() >= 12, "too few panel queries: " + queries);
        return queries;
    }

    private Map<String, JsonObject> firingAlerts() {
        return json(alertsJson()).getJsonObject("data").getJsonArray("alerts").getValuesAs(JsonObject.class).stream()
                .filter(a -> "firing".equals(a.getString("state")))
                .collect(Collectors.toMap(a -> a.getJsonObject("labels").getString("alertname"), a -> a, (a, b) -> a,
                        LinkedHashMap::new));
    }

    private String alertsJson() {
        try {
            return prometheus.alerts();
        } catch (Exception e) {
            throw new IllegalStateException("Prometheus did not answer", e);
        }
    }

    private JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
