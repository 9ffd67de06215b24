package io.faultline.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a reply against the one error shape of the contract (section 1). */
public final class ProblemAssert {

    private static final Map<String, Pattern> LEAKS = Map.of(
            "exception class", Pattern.compile("\\b(?:java|javax|jakarta|org|com|io|fish|sun)\\.[A-Za-z0-9_.$]+"),
            "exception name", Pattern.compile("\\w+(?:Exception|Error)\\b|(?i)throwable|caused by"),
            "stack frame", Pattern.compile("\\bat [\\w.$]+\\([\\w.]*(?::\\d+)?\\)"),
            "SQL", Pattern.compile("(?i)\\bselect\\b.+\\bfrom\\b|\\binsert\\s+into\\b|\\bupdate\\s+\\w+\\s+set\\b|eclipselink|jdbc:"),
            "file path", Pattern.compile("(?i)/var/|/etc/|/home/|/tmp/|/opt/|/usr/|\\.java\\b|\\.war\\b|[a-z]:\\\\"),
            "host name", Pattern.compile("(?i)\\bdb\\.internal\\b|\\bdb-7\\b|\\blocalhost\\.localdomain\\b"));

    private ProblemAssert() {
    }

    /** Asserts the reply is a well-formed problem with this code, and returns its body. */
    public static JsonObject assertProblem(Reply reply, String code, int status) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
        assertNotNull(reply.contentType(), () -> "no Content-Type: " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), () -> "Content-Type of " + reply);
        JsonObject problem = reply.json();
        assertEquals(code, problem.getString("code"), () -> "code of " + reply);
        assertEquals(status, problem.getInt("status"));
        assertEquals("/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'), problem.getString("type"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertTrue(problem.getString("instance").startsWith("/"), () -> "instance of " + reply);
        String correlationId = reply.header("X-Correlation-ID");
        assertNotNull(correlationId, () -> "no X-Correlation-ID on " + reply);
        assertEquals(correlationId, problem.getString("correlationId"));
        Instant.parse(problem.getString("timestamp"));
        if (problem.containsKey("details")) {
            assertFalse(problem.getJsonObject("details").isEmpty(), "details present but empty");
        }
        if (problem.containsKey("errors")) {
            assertFalse(problem.getJsonArray("errors").isEmpty(), "errors present but empty");
        }
        assertNoLeaks(reply);
        return problem;
    }

    /** Nothing in the body or the headers reveals how the server is built or where it runs. */
    public static void assertNoLeaks(Reply reply) {
        StringBuilder visible = new StringBuilder(reply.body());
        reply.headers().forEach((name, values) -> {
            if (!List.of("x-correlation-id", "date").contains(name.toLowerCase(Locale.ROOT))) {
                visible.append('\n').append(name).append(": ").append(String.join(",", values));
            }
        });
        LEAKS.forEach((what, pattern) -> {
            var match = pattern.matcher(visible);
            assertFalse(match.find(), () -> what + " leaked (" + match.group() + ") in " + reply);
        });
    }
}
