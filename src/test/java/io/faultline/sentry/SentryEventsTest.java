package io.faultline.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.tracking.IntakeConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentryEventsTest {

    private static final IntakeConfig.Limits LIMITS = new IntakeConfig.Limits(200, 400, 8192, 1024, 50, 100, 100, 20000, 500, 5000);

    private static JsonObject map(String sentry) {
        return SentryEvents.toFaultline(Json.createReader(new StringReader(sentry)).readObject(), LIMITS);
    }

    @Test
    void theRaisedExceptionLeadsAndTheChainIsKept() {
        JsonObject event = map("""
                {"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","level":"error","platform":"java","release":"1.4.0",
                 "exception":{"values":[
                   {"type":"SQLException","module":"java.sql","value":"connection reset"},
                   {"type":"IllegalStateException","module":"java.lang","value":"payment failed",
                    "stacktrace":{"frames":[
                      {"module":"java.lang.Thread","function":"run","lineno":833,"in_app":false},
                      {"module":"shop.Checkout","function":"pay","filename":"Checkout.java","lineno":42,"in_app":true}]}}]}}""");
        JsonObject exception = event.getJsonObject("exception");
        assertEquals("java.lang.IllegalStateException", exception.getString("type"));
        assertEquals("payment failed", exception.getString("value"));
        assertEquals("pay", exception.getJsonArray("stacktrace").getJsonObject(1).getString("function"));
        assertEquals("Checkout.java", exception.getJsonArray("stacktrace").getJsonObject(1).getString("file"));
        assertEquals(42, exception.getJsonArray("stacktrace").getJsonObject(1).getInt("line"));
        assertTrue(exception.getJsonArray("stacktrace").getJsonObject(1).getBoolean("inApp"));
        assertFalse(exception.getJsonArray("stacktrace").getJsonObject(0).getBoolean("inApp"));
        assertEquals("java.sql.SQLException", event.getJsonArray("exceptionChain").getJsonObject(0).getString("type"));
        assertEquals("9ec79c33ec9942ab8353589fcb2e04dc", event.getString("eventId"));
        assertEquals("1.4.0", event.getString("release"));
        assertEquals("java", event.getString("platform"));
    }

    @Test
    void theNewestFramesAreKeptWithinTheBound() {
        String frames = IntStream.range(0, 150).mapToObj(i -> "{\"function\":\"f" + i + "\",\"lineno\":" + i + "}")
                .collect(Collectors.joining(","));
        JsonObject event = map("{\"exception\":[{\"type\":\"E\",\"stacktrace\":{\"frames\":[" + frames + "]}}]}");
        var kept = event.getJsonObject("exception").getJsonArray("stacktrace");
        assertEquals(100, kept.size());
        assertEquals("f50", kept.getJsonObject(0).getString("function"));
        assertEquals("f149", kept.getJsonObject(99).getString("function"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"message\":\"plain\"}                                        | plain",
        "{\"message\":{\"formatted\":\"user 7 left\",\"message\":\"user %s left\"}} | user 7 left",
        "{\"logentry\":{\"message\":\"user %s left\",\"params\":[7]}}   | user %s left",
        "{\"logentry\":{\"formatted\":\"user 7 left\"}}                 | user 7 left",
        "{}                                                             | (no message)"})
    void theMessageComesFromMessageOrLogentry(String sentry, String message) {
        assertEquals(message, map(sentry).getString("message"));
    }

    @ParameterizedTest
    @CsvSource({"fatal, fatal", "critical, fatal", "error, error", "warning, warning", "warn, warning", "info, info",
        "debug, info", "log, info", "whatever, error"})
    void levelsMapToFaultlinesFour(String sentry, String faultline) {
        assertEquals(faultline, map("{\"message\":\"m\",\"level\":\"" + sentry + "\"}").getString("level"));
    }

    @Test
    void tagsAsPairsOrAnObjectAndHeadersAsPairsBecomeStringMaps() {
        JsonObject pairs = map("""
                {"message":"m","server_name":"web-1","tags":[["region","eu"],["retries",3],["bad"]],
                 "request":{"url":"https://shop/pay","method":"POST","headers":[["Accept","*/*"]]},
                 "user":{"id":"42","email":"a@b.c","ip_address":"10.1.2.3","segment":{"tier":"gold"}}}""");
        assertEquals(Json.createObjectBuilder().add("region", "eu").add("retries", "3").add("server_name", "web-1").build(),
                pairs.getJsonObject("tags"));
        assertEquals("*/*", pairs.getJsonObject("request").getJsonObject("headers").getString("Accept"));
        assertEquals("42", pairs.getJsonObject("user").getString("id"));
        assertEquals("{\"tier\":\"gold\"}", pairs.getJsonObject("user").getString("segment"));
        assertEquals("eu", map("{\"message\":\"m\",\"tags\":{\"region\":\"eu\"}}").getJsonObject("tags").getString("region"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1796197339.25                 | 2026-12-02T07:42:19.250Z",
        "1796197339                    | 2026-12-02T07:42:19Z",
        "\"2026-12-02T07:42:19.250Z\"  | 2026-12-02T07:42:19.250Z"})
    void timestampsAsSecondsOrRfc3339(String sentry, String faultline) {
        assertEquals(faultline, map("{\"message\":\"m\",\"timestamp\":" + sentry + "}").getString("timestamp"));
    }

    @Test
    void theNewestHundredBreadcrumbsAreKept() {
        String crumbs = IntStream.range(0, 130).mapToObj(i -> "{\"message\":\"b" + i + "\"}").collect(Collectors.joining(","));
        var kept = map("{\"message\":\"m\",\"breadcrumbs\":[" + crumbs + ",\"not a crumb\"]}").getJsonArray("breadcrumbs");
        assertEquals(99, kept.size());
        assertEquals("b31", kept.getJsonObject(0).getString("message"));
        assertEquals("b129", kept.getJsonObject(98).getString("message"));
    }

    @Test
    void breadcrumbsContextsExtraAndTheDefaultFingerprintPassThrough() {
        JsonObject event = map("""
                {"message":"m","fingerprint":["{{ default }}","tenant-7"],
                 "breadcrumbs":{"values":[{"timestamp":1796197339,"category":"http","message":"GET /cart","data":{"status":200}}]},
                 "contexts":{"os":{"name":"Linux"}},"extra":{"cart":{"items":3}}}""");
        assertEquals("{{ default }}", event.getJsonArray("fingerprint").getString(0));
        assertEquals("http", event.getJsonArray("breadcrumbs").getJsonObject(0).getString("category"));
        assertEquals("Linux", event.getJsonObject("contexts").getJsonObject("os").getString("name"));
        assertEquals(3, event.getJsonObject("extra").getJsonObject("cart").getInt("items"));
    }
}
