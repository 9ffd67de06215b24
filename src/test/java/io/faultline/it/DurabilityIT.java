package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.it.support.Http;
import io.faultline.it.support.Reply;
import io.faultline.it.support.ServerLog;
import io.faultline.it.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A server killed with SIGKILL right after a burst of accepted events, then started again: a
 * 202 means committed, so every event is there. The server runs without a configured admin
 * password, so it also shows the generated password logged once and only once.
 */
class DurabilityIT {

    private static final Pattern GENERATED = Pattern.compile("generated password (\\S+) ");

    @Test
    void acceptedEventsSurviveKillNineAndTheGeneratedPasswordIsLoggedOnce() {
        TestServer server = TestServer.another("durable", 11, Map.of("FAULTLINE_ADMIN_PASSWORD", ""));
        server.start();
        try {
            Http http = new Http(server);
            ServerLog log = new ServerLog(server);
            List<String> generated = generatedPasswords(log);
            assertEquals(1, generated.size(), "the generated password should be logged once");
            String admin = Http.basic(TestServer.ADMIN, generated.get(0));
            assertEquals(401, http.get("/api/projects", "Authorization", Http.admin()).status(),
                    "the test suite's password must not work here");

            Reply project = http.postJson("/api/projects", "{\"slug\":\"durable\",\"name\":\"Durable\"}", "Authorization", admin);
            assertEquals(201, project.status(), project::toString);
            String key = project.json().getString("key");
            String groupId = null;
            int accepted = 0;
            for (int i = 0; i < 60; i++) {
                Reply reply = http.postJson("/api/errors/report", "{\"message\":\"durable\",\"fingerprint\":[\"d\"]}",
                        "X-Faultline-Key", key);
                assertEquals(202, reply.status(), reply::toString);
                groupId = reply.json().getString("groupId");
                accepted++;
            }
            server.kill();
            server.start();

            Reply group = http.get("/api/errors/groups/" + groupId, "Authorization", admin);
            assertEquals(200, group.status(), group::toString);
            assertEquals(accepted, group.json().getInt("count"));
            Reply events = http.get("/api/errors/groups/" + groupId + "/events?limit=500", "Authorization", admin);
            assertEquals(accepted, events.json().getJsonArray("items").size());
            assertEquals(1, generatedPasswords(log).size(), "a restart generated another password");
        } finally {
            server.stop();
        }
    }

    private static List<String> generatedPasswords(ServerLog log) {
        return log.rawLines().stream().map(GENERATED::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }
}
