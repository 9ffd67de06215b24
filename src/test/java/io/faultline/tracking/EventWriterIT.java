package io.faultline.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Deployments;
import io.faultline.it.support.Selected;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The intake writer inside the server, with its own beans: a report's events are committed
 * together, a 202 comes only after the commit, and a commit that does not come in time is a 503
 * that the client can retry without storing the event twice.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
class EventWriterIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.inContainer()
                // Watches and holds the writer's commits; reads events back
                .addClasses(CommitGate.class, StoredEvents.class);
    }

    @Inject
    Intake intake;
    @Inject
    Projects projects;
    @Inject
    CommitGate commits;
    @Inject
    StoredEvents storedEvents;

    private IngestKeys.KeyOwner newProject() {
        Project project = projects.create("writer-" + UUID.randomUUID().toString().substring(0, 8), "writer").project();
        return new IngestKeys.KeyOwner(project.id(), project.slug());
    }

    private static JsonValue event(String message, String eventId) {
        var event = Json.createObjectBuilder().add("message", message).add("fingerprint", Json.createArrayBuilder().add("w"));
        return (eventId == null ? event : event.add("eventId", eventId)).build();
    }

    @Test
    void aReportsEventsAreCommittedTogetherBeforeItIsAnswered() {
        IngestKeys.KeyOwner owner = newProject();
        List<Integer> batches = commits.watch(owner.projectId());
        List<JsonValue> events = IntStream.range(0, 40).mapToObj(i -> event("batch " + i, null)).toList();

        List<PendingEvent.Stored> stored = intake.accept(owner, events, true).stored();

        assertEquals(40, stored.size());
        // The writer announces a commit after it answered the report's request.
        awaitEvents(batches, 40);
        assertEquals(List.of(40), batches, "the report's events were not committed in one transaction");
        assertTrue(stored.stream().allMatch(s -> storedEvents.exists(s.id())), "answered before the events were committed");
    }

    @Test
    void concurrentReportsShareCommitsAndEachIsAnsweredAfterItsOwn() {
        IngestKeys.KeyOwner owner = newProject();
        List<Integer> batches = commits.watch(owner.projectId());
        commits.close();
        // The first report's commit holds the writer; the others queue behind it and go together.
        CompletableFuture<List<PendingEvent.Stored>> first =
                CompletableFuture.supplyAsync(() -> intake.accept(owner, List.of(event("first", null)), false).stored());
        awaitSize(batches, 1);
        List<CompletableFuture<List<PendingEvent.Stored>>> queued = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> intake.accept(owner, List.of(event("queued " + i, null)), false).stored()))
                .toList();
        awaitQueued(8);
        commits.open();

        assertTrue(storedEvents.exists(first.join().get(0).id()));
        queued.forEach(q -> assertTrue(storedEvents.exists(q.join().get(0).id())));
        awaitEvents(batches, 9);
        assertTrue(batches.size() < 9, "eight queued reports took a commit each: " + batches);
    }

    @Test
    void aCommitThatDoesNotComeInTimeIs503AndTheRetryIsStoredOnce() {
        IngestKeys.KeyOwner owner = newProject();
        List<Integer> batches = commits.watch(owner.projectId());
        commits.close();
        try {
            intake.accept(owner, List.of(event("holds the writer", null)), false);
            String eventId = UUID.randomUUID().toString().replace("-", "");
            long ackTimeout = intake.limits().ackTimeoutMs();
            long start = System.nanoTime();
            ProblemException late = assertThrows(ProblemException.class,
                    () -> intake.accept(owner, List.of(event("late", eventId)), false));
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ErrorCode.SERVICE_UNAVAILABLE, late.code());
            assertEquals(1L, late.retryAfterSeconds());
            assertTrue(waited >= ackTimeout - 50 && waited < ackTimeout + 2000,
                    "answered after " + waited + " ms with an ack timeout of " + ackTimeout + " ms");
            commits.open();
            awaitSize(batches, 2);

            PendingEvent.Stored retried = intake.accept(owner, List.of(event("late", eventId)), false).stored().get(0);
            assertTrue(retried.duplicate(), "the retry of a late event was stored again");
            assertTrue(storedEvents.exists(retried.id()));
        } finally {
            commits.open();
        }
    }

    /** Until the commits seen hold this many events in all. */
    private static void awaitEvents(List<Integer> batches, int events) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (batches.stream().mapToInt(Integer::intValue).sum() < events) {
            assertFalse(System.nanoTime() > deadline, "commits seen: " + batches);
            pause();
        }
    }

    private static void awaitSize(List<Integer> batches, int size) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (batches.size() < size) {
            assertFalse(System.nanoTime() > deadline, "the writer did not commit: " + batches);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Until the writer's queue holds this many events of the project (they are queued, not committed). */
    private void awaitQueued(int events) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (intake.queued() < events) {
            assertFalse(System.nanoTime() > deadline, "only " + intake.queued() + " events queued");
            pause();
        }
    }
}
