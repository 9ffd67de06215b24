package io.faultline.tracking;

import io.faultline.problem.ChallengedProblem;
import io.faultline.problem.ErrorCode;
import io.faultline.cluster.ClusterMessage;
import io.faultline.cluster.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the project of a presented ingest key ({@code X-Faultline-Key} or
 * {@code Authorization: Bearer}), remembering answers, found or not, for a few seconds so that
 * intake does not query the database per event, nor can be made to by random keys.
 */
@ApplicationScoped
public class IngestKeys {

    /** The challenge of every intake 401: a key is a bearer token of the ingest realm. */
    public static final String CHALLENGE = "Bearer realm=\"faultline-ingest\"";
    private static final long REMEMBER_NANOS = 10_000_000_000L;
    private static final int MAX_REMEMBERED = 100_000;

    /** The project an event belongs to. */
    public record KeyOwner(long projectId, String slug) {
    }

    private record Answer(KeyOwner owner, long until) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Inject
    Projects projects;

    public KeyOwner authenticate(String keyHeader, String authorization) {
        String key = keyHeader;
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        }
        if (key == null || key.isEmpty()) {
            throw new ChallengedProblem(ErrorCode.UNAUTHENTICATED, "Send the project's ingest key in X-Faultline-Key",
                    CHALLENGE);
        }
        String hash = IngestKey.hashOf(key);
        Answer answer = answers.get(hash);
        if (answer == null || answer.until() < System.nanoTime()) {
            long seen = generation.get();
            KeyOwner owner = projects.findByKey(key).map(p -> new KeyOwner(p.id(), p.slug())).orElse(null);
            if (answers.size() >= MAX_REMEMBERED) {
                answers.clear();
            }
            answer = new Answer(owner, System.nanoTime() + REMEMBER_NANOS);
            answers.put(hash, answer);
            if (generation.get() != seen) {
                // A deletion committed while this read the project: what it read may be stale.
                answers.remove(hash);
            }
        }
        if (answer.owner() == null) {
            throw new ChallengedProblem(ErrorCode.AUTHENTICATION_FAILED, "The ingest key is not valid", CHALLENGE);
        }
        return answer.owner();
    }

    /**
     * Forgets every answer once a project's deletion has committed: forgotten any earlier, a
     * request in between would find the project again and remember its key as valid.
     */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProjectDeleted deleted) {
        forget();
    }

    /** Another instance deleted a project (or the listener reconnected: any may have gone). */
    void forget(@Observes ClusterMessage.Changed changed) {
        if (changed.topic() == Topic.projects) {
            forget();
        }
    }

    private void forget() {
        generation.incrementAndGet();
        answers.clear();
    }
}
