package io.faultline.tracking;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the project of a presented ingest key ({@code X-Faultline-Key} or
 * {@code Authorization: Bearer}), remembering answers, found or not, for a few seconds so that
 * intake does not query the database per event, nor can be made to by random keys.
 */
@ApplicationScoped
public class IngestKeys {

    private static final long REMEMBER_NANOS = 10_000_000_000L;
    private static final int MAX_REMEMBERED = 100_000;

    /** The project an event belongs to. */
    public record KeyOwner(long projectId, String slug) {
    }

    private record Answer(KeyOwner owner, long until) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    @Inject
    Projects projects;

    public KeyOwner authenticate(String keyHeader, String authorization) {
        String key = keyHeader;
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        }
        if (key == null || key.isEmpty()) {
            throw new ProblemException(ErrorCode.UNAUTHENTICATED, "Send the project's ingest key in X-Faultline-Key");
        }
        String hash = IngestKey.hashOf(key);
        Answer answer = answers.get(hash);
        if (answer == null || answer.until() < System.nanoTime()) {
            KeyOwner owner = projects.findByKey(key).map(p -> new KeyOwner(p.id(), p.slug())).orElse(null);
            if (answers.size() >= MAX_REMEMBERED) {
                answers.clear();
            }
            answer = new Answer(owner, System.nanoTime() + REMEMBER_NANOS);
            answers.put(hash, answer);
        }
        if (answer.owner() == null) {
            throw new ProblemException(ErrorCode.AUTHENTICATION_FAILED, "The ingest key is not valid");
        }
        return answer.owner();
    }

    /** Forgets every answer, after a project is deleted. */
    void forgetAll() {
        answers.clear();
    }
}
