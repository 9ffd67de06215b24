package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.Reply;
import io.sentry.Sentry;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The Sentry SDK backs off when Faultline says so: on a server whose projects may send one event
 * a second with a burst of two, the SDK's third event gets a 429 with X-Sentry-Rate-Limits, and
 * the events it captures during the wait are dropped by the SDK itself, never sent.
 */
class SentryRateLimitIT extends OwnServerTest {

    Http http;

    @Override
    protected void prepare() {
        http = new Http(own.start(Map.of("faultline.ingest.rate-per-second", "1", "faultline.ingest.burst", "2")));
    }

    @AfterAll
    void closeSdk() {
        Sentry.close();
    }

    @Test
    void theSdkDropsEventsItselfWhileTheProjectIsRateLimited() {
        Reply created = http.postJson("/api/projects", "{\"slug\":\"limited-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"limited\"}", "Authorization", Http.admin());
        assertEquals(201, created.status(), created::toString);
        JsonObject project = created.json();
        Sentry.init(options -> {
            options.setDsn(project.getString("dsn"));
            options.setEnableUncaughtExceptionHandler(false);
            options.setSendClientReports(false);
        });
        for (int i = 0; i < 3; i++) {
            Sentry.captureMessage("burst " + i);
        }
        Sentry.flush(10_000);
        assertEquals(Map.of("200", 2.0, "429", 1.0), envelopes(), "the burst of two, then the refusal");
        // Within the second the 429 asked for: the SDK keeps these to itself.
        for (int i = 0; i < 5; i++) {
            Sentry.captureMessage("held back " + i);
        }
        Sentry.flush(10_000);
        assertEquals(Map.of("200", 2.0, "429", 1.0), envelopes(), "events were sent during the wait");
        assertEquals(2, http.get("/api/errors/groups?project=" + project.getString("slug"), "Authorization", Http.admin())
                .json().getJsonArray("items").getValuesAs(JsonObject.class).stream().mapToInt(g -> g.getInt("count")).sum());
    }

    /** The envelope requests the server answered, by status, from its own request metrics. */
    Map<String, Double> envelopes() {
        String metrics = http.get("/metrics?scope=application", "Accept", "text/plain").body();
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains("route=\"/api/{projectId}/envelope\""))
                .collect(java.util.stream.Collectors.toMap(
                        l -> l.replaceAll(".*status=\"(\\d+)\".*", "$1"),
                        l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum));
    }
}
