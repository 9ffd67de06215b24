package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.BlackBox;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.FeedClient;
import io.faultline.it.support.Http;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Settings;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in (contract section 10): a session cookie from {@code POST /api/session}
 * authenticates operator endpoints and the feed's handshake beside HTTP Basic, unsafe requests
 * by cookie must come from the server's own origin, and a browser's script is never answered
 * with a challenge that would open the browser's own login dialog.
 */
class SessionIT extends BlackBox {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.faultline();
    }

    private String ownOrigin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Signs in and returns the Cookie header a browser would send from now on. */
    private String signIn(String username, String password) {
        Reply reply = http.postJson("/api/session",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(204, reply.status(), reply::toString);
        String setCookie = reply.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String newProject(String... headers) {
        return http.postJson("/api/projects", "{\"slug\":\"s-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Session\"}", headers).toString();
    }

    @Test
    void signInSetsAStrictHttpOnlyCookieThatAuthenticates() {
        Reply reply = http.postJson("/api/session",
                "{\"username\":\"" + Settings.ADMIN + "\",\"password\":\"" + Settings.ADMIN_PASSWORD + "\"}");
        assertEquals(204, reply.status(), reply::toString);
        String setCookie = reply.header("Set-Cookie");
        List<String> attributes = List.of(setCookie.split(";\\s*"));
        assertTrue(attributes.get(0).matches("faultline_session=[A-Za-z0-9_-]{43}"), setCookie);
        assertTrue(attributes.containsAll(List.of("Path=/", "HttpOnly", "SameSite=Strict")), setCookie);
        assertFalse(attributes.contains("Secure"), "plain HTTP: a Secure cookie would never come back: " + setCookie);
        String cookie = attributes.get(0);

        assertEquals(200, http.get("/api/projects", "Cookie", cookie).status());
        JsonObject caller = http.get("/api/session", "Cookie", cookie).json();
        assertEquals(Settings.ADMIN, caller.getString("username"));
        assertEquals("session", caller.getString("by"));
        assertTrue(caller.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(r -> r.getString().equals("ops-admin")), caller::toString);
        assertEquals("basic", http.get("/api/session", "Authorization", Http.admin()).json().getString("by"));
    }

    @Test
    void aBrowsersScriptIsNeverChallengedWithBasic() {
        Reply wrong = http.postJson("/api/session", "{\"username\":\"admin\",\"password\":\"not-the-password\"}",
                "Sec-Fetch-Mode", "cors");
        assertProblem(wrong, "AUTHENTICATION_FAILED", 401);
        assertTrue(wrong.header("WWW-Authenticate").startsWith("Session "), wrong::toString);
        assertFalse(wrong.headers().containsKey("set-cookie"), wrong::toString);

        for (String mode : List.of("cors", "same-origin")) {
            Reply fetched = http.get("/api/projects", "Sec-Fetch-Mode", mode);
            assertProblem(fetched, "UNAUTHENTICATED", 401);
            assertTrue(fetched.header("WWW-Authenticate").startsWith("Session "), fetched::toString);
        }
        // curl, and a user who opens an API address in the browser's address bar, get Basic.
        assertTrue(http.get("/api/projects").header("WWW-Authenticate").startsWith("Basic "));
        assertTrue(http.get("/api/projects", "Sec-Fetch-Mode", "navigate").header("WWW-Authenticate").startsWith("Basic "));
        assertProblem(http.get("/api/session", "Cookie", "faultline_session=" + "x".repeat(43)), "UNAUTHENTICATED", 401);
    }

    @Test
    void unsafeRequestsByCookieMustComeFromTheServersOwnOrigin() {
        String cookie = signIn(Settings.ADMIN, Settings.ADMIN_PASSWORD);
        for (String[] foreign : List.of(new String[] {"Origin", "https://evil.example"},
                new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Sec-Fetch-Site", "same-site"})) {
            Reply refused = http.postJson("/api/projects", "{\"slug\":\"never\",\"name\":\"x\"}",
                    "Cookie", cookie, foreign[0], foreign[1]);
            assertProblem(refused, "PERMISSION_DENIED", 403);
        }
        // Neither header: nothing shows that a page of this server sent it.
        assertProblem(http.postJson("/api/projects", "{\"slug\":\"never\",\"name\":\"x\"}", "Cookie", cookie),
                "PERMISSION_DENIED", 403);
        assertTrue(newProject("Cookie", cookie, "Origin", ownOrigin()).startsWith("201"));
        assertTrue(newProject("Cookie", cookie, "Sec-Fetch-Site", "same-origin").startsWith("201"));
        // Reads need no proof of origin; Basic is no browser's ambient credential.
        assertEquals(200, http.get("/api/projects", "Cookie", cookie, "Origin", "https://evil.example").status());
        assertTrue(newProject("Authorization", Http.admin(), "Origin", "https://evil.example").startsWith("201"));
    }

    @Test
    void theFeedAcceptsTheSessionAndStillChecksTheOrigin() {
        String cookie = signIn(Settings.ADMIN, Settings.ADMIN_PASSWORD);
        assertEquals(403, FeedClient.refusedWith(server, Map.of("Cookie", cookie, "Origin", "https://evil.example")));
        try (FeedClient client = FeedClient.connect(server, Map.of("Cookie", cookie, "Origin", ownOrigin()), null)) {
            client.awaitType("welcome");
            client.send("{\"type\":\"ping\",\"id\":\"by-session\"}");
            assertEquals("by-session", client.awaitType("pong").getString("id"));
        }
        assertEquals(401, FeedClient.refusedWith(server, Map.of("Cookie", "faultline_session=" + "y".repeat(43))));
    }

    @Test
    void signOutEndsTheSession() {
        String cookie = signIn(Settings.ADMIN, Settings.ADMIN_PASSWORD);
        String other = signIn(Settings.ADMIN, Settings.ADMIN_PASSWORD);
        assertProblem(http.send("DELETE", "/api/session", null, "Cookie", cookie, "Origin", "https://evil.example"),
                "PERMISSION_DENIED", 403);
        Reply out = http.send("DELETE", "/api/session", null, "Cookie", cookie, "Origin", ownOrigin());
        assertEquals(204, out.status(), out::toString);
        assertTrue(out.header("Set-Cookie").startsWith("faultline_session=;"), out::toString);
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out::toString);
        assertProblem(http.get("/api/projects", "Cookie", cookie), "UNAUTHENTICATED", 401);
        assertEquals(401, FeedClient.refusedWith(server, Map.of("Cookie", cookie, "Origin", ownOrigin())));
        // Only that session: the operator's other one still works.
        assertEquals(200, http.get("/api/projects", "Cookie", other).status());
    }

    @Test
    void aDeletedOperatorsSessionsEnd() {
        String name = "se" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = http.postJson("/api/users",
                "{\"username\":\"" + name + "\",\"password\":\"viewer-password-1\",\"role\":\"ops-viewer\"}",
                "Authorization", Http.admin());
        assertEquals(201, created.status(), created::toString);
        String cookie = signIn(name, "viewer-password-1");
        assertEquals(200, http.get("/api/projects", "Cookie", cookie).status());
        // A viewer's session reads, and cannot write even from the console's own origin.
        assertProblem(http.postJson("/api/projects", "{\"slug\":\"never\",\"name\":\"x\"}", "Cookie", cookie,
                "Origin", ownOrigin()), "PERMISSION_DENIED", 403);
        assertEquals(204, http.send("DELETE", "/api/users/" + name, null, "Authorization", Http.admin()).status());
        assertProblem(http.get("/api/projects", "Cookie", cookie), "UNAUTHENTICATED", 401);
    }
}
