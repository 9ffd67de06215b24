package io.faultline.it;

import static io.faultline.it.support.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Await;
import io.faultline.it.support.Http;
import io.faultline.it.support.OwnServerTest;
import io.faultline.it.support.Projects;
import io.faultline.it.support.Reply;
import io.faultline.it.support.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A second server with tight settings: retention of zero days purging every two seconds, and
 * an intake queue of only 100 events, to see old events purged and a saturated intake shed.
 */
class ConstrainedServerIT extends OwnServerTest {

    Http http;

    @Override
    protected void prepare() {
        Server server = own.start(Map.of(
                "faultline.retention.days", "0", "faultline.retention.interval-seconds", "2",
                "faultline.retention.batch-size", "10",
                "faultline.ingest.queue-capacity", "100", "faultline.ingest.commit-batch", "10",
                "faultline.ingest.rate-per-second", "100000", "faultline.ingest.burst", "1000000"));
        http = new Http(server);
    }

    @Test
    void oldEventsAreDeletedAndGroupsKeepTheirCounts() {
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
            Await.pause(500);
        }
        assertEquals(0, left, "events older than the retention were not deleted");
        assertEquals(25, http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin()).json().getInt("count"));
    }

    @Test
    void saturatedIntakeShedsAtOnceAndLosesNothingAccepted() throws Exception {
        String key = Projects.newProjectKey(http, "flood");
        String batch = IntStream.range(0, 60).mapToObj(i -> "{\"message\":\"flood\",\"fingerprint\":[\"flood\"]}")
                .collect(Collectors.joining(",", "[", "]"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Reply> replies;
        long started = System.nanoTime();
        try {
            List<CompletableFuture<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> http.postJson("/api/errors/report/batch", batch, "X-Faultline-Key", key), pool));
            }
            replies = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
        assertTrue(System.nanoTime() - started < 60_000_000_000L, "the flood took more than a minute");
        List<Reply> shed = replies.stream().filter(r -> r.status() == 503).toList();
        List<Reply> accepted = replies.stream().filter(r -> r.status() == 202).toList();
        assertEquals(replies.size(), shed.size() + accepted.size(), replies::toString);
        assertTrue(!shed.isEmpty(), "nothing was shed with a queue of 100");
        assertTrue(!accepted.isEmpty(), "nothing was accepted");
        Reply one = shed.get(0);
        assertProblem(one, "SERVICE_UNAVAILABLE", 503);
        assertNotNull(one.header("Retry-After"));
        String groupId = accepted.get(0).json().getJsonArray("items").getJsonObject(0).getString("groupId");
        Reply group = http.get("/api/errors/groups/" + groupId, "Authorization", Http.admin());
        assertEquals(accepted.size() * 60, group.json().getInt("count"), group::toString);
    }
}
