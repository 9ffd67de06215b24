package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A 202 means committed: the server is killed right after a burst, and every event is there after a restart. */
class DurabilityIT {

    @Test
    void acceptedEventsSurviveKillNine() {
        TestServer server = TestServer.another("durable", 11, Map.of());
        server.start();
        try {
            Http http = new Http(server);
            String key = Projects.newProjectKey(http, "durable");
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
            Reply group = http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin());
            assertEquals(200, group.status(), group::toString);
            assertEquals(accepted, group.json().getInt("count"));
            Reply events = http.get("/api/errors/groups/" + groupId + "/events?limit=500", "Authorization", Http.admin());
            assertEquals(accepted, events.json().getJsonArray("items").size());
        } finally {
            server.stop();
        }
    }
}
