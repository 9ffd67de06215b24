package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Settings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Client error intake, grouping and triage (contract section 5). */
class IntakeIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withFixtures();
    }

    Reply report(String key, String event) {
        return http.postJson("/api/errors/report", event, "X-Faultline-Key", key);
    }

    JsonObject group(String groupId) {
        Reply reply = http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    @Test
    void timesAreTheInstantsTheyWereWhateverTheServersTimeZone() {
        String key = Projects.newProjectKey(http, "times");
        Instant before = Instant.now().minusSeconds(5);
        Reply reply = report(key, "{\"message\":\"what time is it\"}");
        Instant after = Instant.now().plusSeconds(5);
        assertEquals(202, reply.status(), reply::toString);
        String groupId = reply.json().getString("groupId");
        JsonObject group = group(groupId);
        // firstSeen is written through the persistence mapping, lastSeen and the event's time by
        // intake's own statements; the server runs in Settings.SERVER_TIME_ZONE.
        Instant firstSeen = Instant.parse(group.getString("firstSeen"));
        assertEquals(firstSeen, Instant.parse(group.getString("lastSeen")), group::toString);
        JsonObject event = http.get("/api/errors/groups/" + groupId + "/events", "Authorization", Http.admin())
                .json().getJsonArray("items").getJsonObject(0);
        assertEquals(firstSeen, Instant.parse(event.getString("receivedAt")), event::toString);
        assertTrue(firstSeen.isAfter(before) && firstSeen.isBefore(after),
                firstSeen + " is not the time of the report, between " + before + " and " + after);
    }

    @Test
    void timesAreStoredAsTimestampsInTheDatabase() {
        // Times read back through the API would look right from a serialized object too; the
        // catalog says what an operator querying the tables, or a retention index, would meet.
        Map<String, List<String>> times = Map.of(
                "ERROR_EVENT", List.of("RECEIVED_AT"),
                "ERROR_GROUP", List.of("FIRST_SEEN", "LAST_SEEN"),
                "NOTIFICATION", List.of("CREATED_AT", "ACKNOWLEDGED_AT"),
                "WEBHOOK_DELIVERY", List.of("NEXT_ATTEMPT_AT", "CREATED_AT"));
        times.forEach((table, columns) -> {
            JsonObject types = http.get("/fixtures/columns/" + table).json();
            for (String column : columns) {
                assertTrue(types.containsKey(column), table + " has no " + column + ": " + types);
                assertTrue(types.getString(column).startsWith("TIMESTAMP"), table + "." + column + " is " + types.getString(column));
            }
        });
    }

    @Test
    void acceptedEventIsStoredInItsGroup() {
        String key = Projects.newProjectKey(http, "intake");
        Reply reply = report(key, "{\"level\":\"error\",\"message\":\"Order 41 failed\",\"release\":\"1.2.0\"}");
        assertEquals(202, reply.status(), reply::toString);
        assertNotNull(reply.header("RateLimit"), reply::toString);
        assertNotNull(reply.header("RateLimit-Policy"), reply::toString);
        JsonObject group = group(reply.json().getString("groupId"));
        assertEquals(1, group.getInt("count"));
        assertEquals("unresolved", group.getString("status"));
        Reply again = report(key, "{\"level\":\"error\",\"message\":\"Order 97 failed\"}");
        assertEquals(reply.json().getString("groupId"), again.json().getString("groupId"), "masked numbers group together");
        assertEquals(2, group(reply.json().getString("groupId")).getInt("count"));
    }

    @Test
    void bearerKeyWorksToo() {
        String key = Projects.newProjectKey(http, "bearer");
        Reply reply = http.postJson("/api/errors/report", "{\"message\":\"via bearer\"}", "Authorization", "Bearer " + key);
        assertEquals(202, reply.status(), reply::toString);
    }

    @Test
    void missingAndWrongKeysAreRefused() {
        assertProblem(http.postJson("/api/errors/report", "{\"message\":\"x\"}"), "UNAUTHENTICATED", 401);
        assertProblem(report("fl_not-a-key", "{\"message\":\"x\"}"), "AUTHENTICATION_FAILED", 401);
    }

    @Test
    void aKeyReportsOnlyIntoItsOwnProject() {
        String keyA = Projects.newProjectKey(http, "own-a");
        String keyB = Projects.newProjectKey(http, "own-b");
        String groupA = report(keyA, "{\"message\":\"belongs to A\",\"fingerprint\":[\"shared\"]}").json().getString("groupId");
        String groupB = report(keyB, "{\"message\":\"belongs to B\",\"fingerprint\":[\"shared\"]}").json().getString("groupId");
        assertTrue(!groupA.equals(groupB), "two projects share a group");
        String slugB = Projects.slugOf(http, keyB);
        Reply listB = http.get("/api/errors/groups?project=" + slugB, "Authorization", Http.admin());
        List<String> ids = listB.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(g -> g.getString("id")).toList();
        assertEquals(List.of(groupB), ids, listB::toString);
    }

    @Test
    void secretsAreFilteredBeforeStorage() {
        String key = Projects.newProjectKey(http, "scrub");
        String event = """
                {"message":"payment with 4111 1111 1111 1111 failed","tags":{"api_key":"k-123","author":"ann"},
                 "request":{"url":"/pay","method":"POST","headers":{"X-Auth-Token":"t-456","Accept":"*/*"}}}""";
        Reply reply = report(key, event);
        assertEquals(202, reply.status(), reply::toString);
        Reply events = http.get("/api/errors/groups/" + reply.json().getString("groupId") + "/events", "Authorization", Http.admin());
        assertEquals(200, events.status(), events::toString);
        JsonObject stored = events.json().getJsonArray("items").getJsonObject(0);
        assertEquals(3, stored.getInt("filteredValues"), events::toString);
        String body = events.body();
        assertFalse(body.contains("4111 1111 1111 1111") || body.contains("k-123") || body.contains("t-456"), body);
        assertTrue(body.contains("\"author\":\"ann\""), body);
    }

    @Test
    void secretsOfAnyShapeUnderSensitiveKeysAreFiltered() {
        String key = Projects.newProjectKey(http, "scrub-nested");
        Reply reply = report(key, """
                {"message":"nested secrets","extra":{"api_key":["k-1"],"region":"eu"},
                 "tags":{"password":{"a":"b"},"author":"ann"},"contexts":{"db":{"credentials":{"user":"u-9"}}}}""");
        assertEquals(202, reply.status(), reply::toString);
        Reply events = http.get("/api/errors/groups/" + reply.json().getString("groupId") + "/events", "Authorization", Http.admin());
        JsonObject stored = events.json().getJsonArray("items").getJsonObject(0);
        assertEquals(3, stored.getInt("filteredValues"), events::toString);
        String body = events.body();
        assertFalse(body.contains("k-1") || body.contains("\"a\":\"b\"") || body.contains("u-9"), body);
        assertTrue(body.contains("\"author\":\"ann\"") && body.contains("\"region\":\"eu\""), body);
    }

    @Test
    void breadcrumbsContextsAndExtraAreBoundedAndTyped() {
        String key = Projects.newProjectKey(http, "crumbs");
        String crumbs = IntStream.range(0, 101).mapToObj(i -> "{\"message\":\"step " + i + "\"}").collect(Collectors.joining(",", "[", "]"));
        JsonObject tooMany = assertProblem(report(key, "{\"message\":\"m\",\"breadcrumbs\":" + crumbs + "}"), "VALIDATION_ERROR", 422);
        assertEquals("#/breadcrumbs", tooMany.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        JsonObject wrong = assertProblem(report(key, "{\"message\":\"m\",\"breadcrumbs\":{},\"extra\":[1]}"), "PARSE_ERROR", 400);
        assertEquals(Set.of("#/breadcrumbs", "#/extra"), wrong.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer")).collect(Collectors.toSet()));
        Reply fine = report(key, "{\"message\":\"m\",\"breadcrumbs\":[{\"category\":\"ui\",\"message\":\"click\"}],"
                + "\"contexts\":{\"os\":{\"name\":\"Linux\"}},\"extra\":{\"cart\":3}}");
        assertEquals(202, fine.status(), fine::toString);
    }

    @Test
    void wrongTypesAreParseErrorsWithPointers() {
        String key = Projects.newProjectKey(http, "types");
        JsonObject problem = assertProblem(report(key, "{\"message\":\"m\",\"level\":3,\"tags\":{\"a\":1}}"), "PARSE_ERROR", 400);
        Set<String> pointers = problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("pointer")).collect(Collectors.toSet());
        assertEquals(Set.of("#/level", "#/tags/a"), pointers);
    }

    @Test
    void boundsAreEnforced() {
        String key = Projects.newProjectKey(http, "bounds");
        String tags = IntStream.range(0, 60).mapToObj(i -> "\"t" + i + "\":\"v\"").collect(Collectors.joining(","));
        assertProblem(report(key, "{\"message\":\"m\",\"tags\":{" + tags + "}}"), "VALIDATION_ERROR", 422);
        String frames = IntStream.range(0, 101).mapToObj(i -> "{\"function\":\"f" + i + "\"}").collect(Collectors.joining(","));
        assertProblem(report(key, "{\"exception\":{\"type\":\"E\",\"stacktrace\":[" + frames + "]}}"), "VALIDATION_ERROR", 422);
        assertProblem(report(key, "{\"message\":\"" + "x".repeat(9000) + "\"}"), "VALIDATION_ERROR", 422);
        assertProblem(report(key, "{\"level\":\"catastrophic\",\"message\":\"m\"}"), "VALIDATION_ERROR", 422);
        assertProblem(report(key, "{\"tags\":{}}"), "VALIDATION_ERROR", 422);
        String batch = IntStream.range(0, 101).mapToObj(i -> "{\"message\":\"m\"}").collect(Collectors.joining(",", "[", "]"));
        assertProblem(http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key), "PAYLOAD_TOO_LARGE", 413);
    }

    @Test
    void batchIsStoredWhole() {
        String key = Projects.newProjectKey(http, "batch");
        String batch = IntStream.range(0, 50).mapToObj(i -> "{\"message\":\"batch item " + (i % 5) + " x\","
                + "\"fingerprint\":[\"b" + (i % 5) + "\"]}").collect(Collectors.joining(",", "[", "]"));
        Reply reply = http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key);
        assertEquals(202, reply.status(), reply::toString);
        assertEquals(50, reply.json().getInt("accepted"));
        Set<String> groups = reply.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(i -> i.getString("groupId")).collect(Collectors.toSet());
        assertEquals(5, groups.size());
        groups.forEach(g -> assertEquals(10, group(g).getInt("count")));
    }

    @Test
    void concurrentReportsKeepTheCountExact() throws Exception {
        String key = Projects.newProjectKey(http, "race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> report(key, "{\"message\":\"race\",\"fingerprint\":[\"race\"]}"), pool));
            }
            Set<String> groupIds = new HashSet<>();
            for (CompletableFuture<Reply> call : calls) {
                Reply reply = call.join();
                assertEquals(202, reply.status(), reply::toString);
                groupIds.add(reply.json().getString("groupId"));
            }
            assertEquals(1, groupIds.size());
            assertEquals(200, group(groupIds.iterator().next()).getInt("count"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exhaustedBucketIsRateLimitedWithHeaders() {
        String key = Projects.newProjectKey(http, "limit");
        String batch = IntStream.range(0, 100).mapToObj(i -> "{\"message\":\"flood\"}").collect(Collectors.joining(",", "[", "]"));
        Reply last = null;
        // The bucket refills while the batches arrive (200 events/s): a slow machine needs more of them.
        for (int i = 0; i < Settings.INGEST_BURST / 100 * 4 && (last == null || last.status() == 202); i++) {
            last = http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key);
        }
        JsonObject problem = assertProblem(last, "RATE_LIMITED", 429);
        long wait = Long.parseLong(last.header("Retry-After"));
        assertTrue(wait >= 1, last::toString);
        assertEquals(wait, problem.getJsonObject("details").getJsonNumber("retryAfterSeconds").longValue());
        assertEquals("\"ingest\";q=" + Settings.INGEST_BURST + ";w=" + Settings.INGEST_BURST / Settings.INGEST_RATE,
                last.header("RateLimit-Policy"), last::toString);
        assertTrue(last.header("RateLimit") != null && last.header("RateLimit").matches("\"ingest\";r=\\d+;t=" + wait),
                last::toString);
    }

    @Test
    void intakeRefusalsChallengeForTheIngestKey() {
        String key = Projects.newProjectKey(http, "challenge");
        String deleted = Projects.newProjectKey(http, "challenge-gone");
        assertEquals(204, http.send("DELETE", "/api/projects/" + Projects.slugOf(http, deleted), null,
                "Authorization", Http.admin()).status());
        String event = "{\"message\":\"who am I\"}";
        for (String path : List.of("/api/errors/report", "/api/errors/report/batch")) {
            String body = path.endsWith("batch") ? "[" + event + "]" : event;
            List<Reply> refused = List.of(
                    http.postJson(path, body),
                    http.postJson(path, body, "X-Faultline-Key", key + "x"),
                    http.postJson(path, body, "Authorization", "Bearer fl_not-a-key"),
                    http.postJson(path, body, "X-Faultline-Key", deleted));
            assertProblem(refused.get(0), "UNAUTHENTICATED", 401);
            for (Reply reply : refused) {
                assertEquals(401, reply.status(), reply::toString);
                assertEquals("Bearer realm=\"faultline-ingest\"", reply.header("WWW-Authenticate"), reply::toString);
            }
            assertProblem(refused.get(3), "AUTHENTICATION_FAILED", 401);
        }
    }

    @Test
    void statusTransitionsAreChecked() {
        String key = Projects.newProjectKey(http, "triage");
        String groupId = report(key, "{\"message\":\"triage me\"}").json().getString("groupId");
        String path = "/api/errors/groups/" + groupId + "/status";
        Reply resolved = http.send("PUT", path, "{\"status\":\"resolved\",\"resolvedInRelease\":\"2.0.0\"}",
                "Content-Type", "application/json", "Authorization", Http.admin());
        assertEquals(200, resolved.status(), resolved::toString);
        assertEquals("resolved", resolved.json().getString("status"));
        assertProblem(http.send("PUT", path, "{\"status\":\"acknowledged\"}", "Content-Type", "application/json",
                "Authorization", Http.admin()), "CONFLICT", 409);
        assertProblem(http.send("PUT", path, "{\"status\":\"closed\"}", "Content-Type", "application/json",
                "Authorization", Http.admin()), "VALIDATION_ERROR", 422);
        assertProblem(http.get("/api/errors/groups/999999999", "Authorization", Http.admin()), "NOT_FOUND", 404);
    }

    @Test
    void searchTakesWildcardsAndBackslashesLiterallyAndIgnoresCase() {
        String key = Projects.newProjectKey(http, "search");
        for (String message : List.of("Disk 100% full", "Disk 1000 full", "cache a_b missed", "cache axb missed",
                "path c:\\d refused", "path c:d refused")) {
            assertEquals(202, report(key, Json.createObjectBuilder().add("message", message)
                    .add("fingerprint", Json.createArrayBuilder().add(message)).build().toString()).status());
        }
        String slug = Projects.slugOf(http, key);
        Map<String, List<String>> expected = Map.of(
                "100%", List.of("Disk 100% full"),
                "a_b", List.of("cache a_b missed"),
                "c:\\", List.of("path c:\\d refused"),
                "DISK", List.of("Disk 1000 full", "Disk 100% full"));
        expected.forEach((q, titles) -> {
            Reply found = http.get("/api/errors/groups?project=" + slug + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                    "Authorization", Http.admin());
            assertEquals(200, found.status(), found::toString);
            assertEquals(titles.stream().sorted().toList(), found.json().getJsonArray("items").getValuesAs(JsonObject.class)
                    .stream().map(g -> g.getString("title")).sorted().toList(), () -> "q=" + q + ": " + found);
        });
    }

    @Test
    void groupsPageWithoutDuplicatesOrGaps() {
        String key = Projects.newProjectKey(http, "pages");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(report(key, "{\"message\":\"page\",\"fingerprint\":[\"p" + UUID.randomUUID() + "\"]}")
                    .json().getString("groupId"));
        }
        String project = Projects.slugOf(http, key);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = http.get("/api/errors/groups?limit=3&project=" + project + (cursor == null ? "" : "&cursor=" + cursor),
                    "Authorization", Http.admin());
            assertEquals(200, page.status(), page::toString);
            page.json().getJsonArray("items").getValuesAs(JsonObject.class).forEach(g -> seen.add(g.getString("id")));
            cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
        } while (cursor != null);
        assertEquals(created.size(), seen.size(), "duplicates: " + seen);
        assertEquals(created, new HashSet<>(seen));
    }
}
