package io.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.it.support.Http;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Old events are purged by the scheduled job; groups keep their counts. */
class RetentionIT {

    @Test
    void oldEventsAreDeletedAndGroupsKeepTheirCounts() {
        TestServer server = TestServer.another("retention", 12,
                Map.of("FAULTLINE_RETENTION_DAYS", "0", "FAULTLINE_RETENTION_INTERVAL_SECONDS", "2",
                        "FAULTLINE_RETENTION_BATCH_SIZE", "10"));
        server.start();
        try {
            Http http = new Http(server);
            String key = Projects.newProjectKey(http, "retention");
            String groupId = null;
            for (int i = 0; i < 25; i++) {
                Reply reply = http.postJson("/api/errors/report", "{\"message\":\"old\",\"fingerprint\":[\"old\"]}",
                        "X-Faultline-Key", key);
                assertEquals(202, reply.status(), reply::toString);
                groupId = reply.json().getString("groupId");
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            int left = -1;
            while (System.nanoTime() < deadline) {
                left = http.get("/api/errors/groups/" + groupId + "/events?limit=500", "Authorization", Http.admin())
                        .json().getJsonArray("items").size();
                if (left == 0) {
                    break;
                }
                TestServer.sleep(500);
            }
            assertEquals(0, left, "events older than the retention were not deleted");
            assertEquals(25, http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin()).json().getInt("count"));
        } finally {
            server.stop();
        }
    }
}
