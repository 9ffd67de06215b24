package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.ServerLog;
import io.faultline.it.support.Settings;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Operators, roles and projects (contract section 5, security model). */
class SecurityIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    @Test
    void noCredentialsIsUnauthenticatedWithAChallenge() {
        Reply reply = http.get("/api/projects");
        assertProblem(reply, "UNAUTHENTICATED", 401);
        assertNotNull(reply.header("WWW-Authenticate"), reply::toString);
        assertTrue(reply.header("WWW-Authenticate").startsWith("Basic"), reply::toString);
    }

    @Test
    void wrongPasswordIsAuthenticationFailed() {
        String id = "badpw-" + UUID.randomUUID();
        Reply reply = http.get("/api/projects", "Authorization", Http.basic(Settings.ADMIN, "not-the-password"),
                "X-Correlation-ID", id);
        assertProblem(reply, "AUTHENTICATION_FAILED", 401);
        assertEquals(id, reply.header("X-Correlation-ID"));
        assertEquals(401, new ServerLog(server).accessRecord(id).getInt("status"));
    }

    @Test
    void unknownUserIsAuthenticationFailed() {
        assertProblem(http.get("/api/projects", "Authorization", Http.basic("nobody", "whatever-password")),
                "AUTHENTICATION_FAILED", 401);
    }

    @Test
    void viewerReadsButCannotWrite() {
        String viewer = createUser("ops-viewer");
        String auth = Http.basic(viewer, "viewer-password-1");
        assertEquals(200, http.get("/api/projects", "Authorization", auth).status());
        assertProblem(http.postJson("/api/projects", "{\"slug\":\"v-" + viewer.toLowerCase() + "\",\"name\":\"x\"}",
                "Authorization", auth), "PERMISSION_DENIED", 403);
        assertProblem(http.get("/api/users", "Authorization", auth), "PERMISSION_DENIED", 403);
    }

    @Test
    void userPasswordsNeverComeBack() {
        String viewer = createUser("ops-viewer");
        Reply list = http.get("/api/users", "Authorization", Http.admin());
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.body().contains(viewer));
        assertFalse(list.body().contains("viewer-password-1"));
        assertFalse(list.body().toLowerCase().contains("hash"));
    }

    @Test
    void deletedUserCanNoLongerSignIn() {
        String viewer = createUser("ops-viewer");
        String auth = Http.basic(viewer, "viewer-password-1");
        assertEquals(200, http.get("/api/projects", "Authorization", auth).status());
        assertEquals(204, http.send("DELETE", "/api/users/" + viewer, null, "Authorization", Http.admin()).status());
        assertProblem(http.get("/api/projects", "Authorization", auth), "AUTHENTICATION_FAILED", 401);
    }

    @Test
    void aUserDeletedWhileSigningInIsRefusedOnceTheDeletionAnswers() throws Exception {
        String viewer = createUser("ops-viewer");
        String auth = Http.basic(viewer, "viewer-password-1");
        assertRefusedOnceDeleted(() -> http.get("/api/projects", "Authorization", auth),
                () -> http.send("DELETE", "/api/users/" + viewer, null, "Authorization", Http.admin()));
    }

    @Test
    void aProjectDeletedWhileItsKeyReportsIsRefusedOnceTheDeletionAnswers() throws Exception {
        String key = Projects.newProjectKey(http, "racing");
        String slug = Projects.slugOf(http, key);
        assertRefusedOnceDeleted(() -> http.postJson("/api/errors/report", "{\"message\":\"race\"}", "X-Faultline-Key", key),
                () -> http.send("DELETE", "/api/projects/" + slug, null, "Authorization", Http.admin()));
    }

    /**
     * Deletes while four clients keep using the credentials (each request may read them again
     * just as the deletion commits), then checks that every request after the deletion's
     * answer is refused: nothing re-remembered them on the way.
     */
    private void assertRefusedOnceDeleted(Supplier<Reply> use, Supplier<Reply> delete) throws Exception {
        assertTrue(use.get().status() < 300);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger uses = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                users.add(pool.submit(() -> {
                    while (running.get()) {
                        use.get();
                        uses.incrementAndGet();
                    }
                }));
            }
            // The deletion lands among requests in flight: once the four keep the server busy.
            Await.until(Duration.ofSeconds(30), Duration.ofMillis(5), () -> uses.get() >= 20,
                    () -> "the clients made " + uses.get() + " requests");
            assertEquals(204, delete.get().status());
            for (int i = 0; i < 20; i++) {
                Reply after = use.get();
                assertEquals(401, after.status(), () -> "still accepted after the deletion: " + after);
            }
            running.set(false);
            for (Future<?> user : users) {
                user.get(30, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    void invalidUserIsValidationError() {
        Reply reply = http.postJson("/api/users", "{\"username\":\"a b\",\"password\":\"short\",\"role\":\"root\"}",
                "Authorization", Http.admin());
        JsonObject problem = assertProblem(reply, "VALIDATION_ERROR", 422);
        assertEquals(3, problem.getJsonArray("errors").size(), reply::toString);
    }

    @Test
    void projectLifecycleShowsTheKeyOnce() {
        String slug = "proj-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = http.postJson("/api/projects", "{\"slug\":\"" + slug + "\",\"name\":\"Checkout\"}",
                "Authorization", Http.admin());
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.header("Location").endsWith("/api/projects/" + slug), created::toString);
        String key = created.json().getString("key");
        assertTrue(key.startsWith("fl_") && key.length() > 40, created::toString);

        Reply read = http.get("/api/projects/" + slug, "Authorization", Http.admin());
        assertEquals(200, read.status());
        assertFalse(read.body().contains(key), "the key came back after creation");
        assertTrue(key.startsWith(read.json().getString("keyPrefix")));

        assertProblem(http.postJson("/api/projects", "{\"slug\":\"" + slug + "\",\"name\":\"Again\"}",
                "Authorization", Http.admin()), "ALREADY_EXISTS", 409);
        assertEquals(204, http.send("DELETE", "/api/projects/" + slug, null, "Authorization", Http.admin()).status());
        JsonObject gone = assertProblem(http.get("/api/projects/" + slug, "Authorization", Http.admin()), "NOT_FOUND", 404);
        assertEquals("project", gone.getJsonObject("details").getString("resource"));
        assertFalse(new ServerLog(server).rawLines().stream().anyMatch(l -> l.contains(key)), "the key was logged");
    }

    @Test
    void invalidSlugIsValidationError() {
        assertProblem(http.postJson("/api/projects", "{\"slug\":\"Not A Slug\",\"name\":\"x\"}", "Authorization", Http.admin()),
                "VALIDATION_ERROR", 422);
    }

    private String createUser(String role) {
        String name = "op" + UUID.randomUUID().toString().substring(0, 8);
        Reply reply = http.postJson("/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"viewer-password-1\",\"role\":\"" + role + "\"}",
                "Authorization", Http.admin());
        assertEquals(201, reply.status(), reply::toString);
        return name;
    }
}
