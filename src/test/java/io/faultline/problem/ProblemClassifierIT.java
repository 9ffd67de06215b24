package io.faultline.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.it.fixtures.FixtureStore;
import io.faultline.it.fixtures.Guarded;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Selected;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The problem classifier over the exceptions each server really throws, met inside the server:
 * its JSON binding, its transactions and persistence provider, its connection pool and driver,
 * its Fault Tolerance. A unit test could only guess at these chains.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
class ProblemClassifierIT {

    @Deployment
    static WebArchive deployment() {
        // FixtureStore and FixtureRecord fail at commit; Guarded is guarded by Fault Tolerance
        return Deployments.inContainer()
                .addPackage(FixtureStore.class.getPackage());
    }

    @Inject
    FixtureStore store;
    @Inject
    Guarded guarded;

    /** The server's JSON binding, made inside the server (the test's client side has none). */
    private static Jsonb jsonb() {
        return JsonbBuilder.create();
    }

    /** A body whose field is bound to a number. */
    public static class Counter {
        public int count;
    }

    /** A value the binding cannot write. */
    public static class Unwritable {
        public String getValue() {
            throw new IllegalStateException("not today");
        }
    }

    @Test
    void malformedJsonGetsParseError() {
        JsonbException failure = assertThrows(JsonbException.class, () -> jsonb().fromJson("{\"count\": ", Map.class));
        assertEquals(ErrorCode.PARSE_ERROR, ProblemClassifier.classify(failure).code());
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsPointer() {
        JsonbException failure = assertThrows(JsonbException.class, () -> jsonb().fromJson("{\"count\":\"many\"}", Counter.class));
        Classified classified = ProblemClassifier.classify(failure);
        assertEquals(ErrorCode.PARSE_ERROR, classified.code());
        assertEquals(List.of("#/count"), classified.violations().stream().map(Problem.Violation::pointer).toList(),
                classified::toString);
    }

    @Test
    void jsonThatCannotBeWrittenIsOurs() {
        JsonbException failure = assertThrows(JsonbException.class, () -> jsonb().toJson(new Unwritable()));
        assertEquals(ErrorCode.INTERNAL_ERROR, ProblemClassifier.classify(failure).code());
    }

    @Test
    void aUniqueKeyViolatedAtCommitIsAlreadyExists() {
        String name = "unique-" + UUID.randomUUID();
        store.create(name);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> store.create(name));
        assertEquals(ErrorCode.ALREADY_EXISTS, ProblemClassifier.classify(failure).code(), () -> chain(failure));
    }

    @Test
    void aStaleVersionAtCommitIsConflict() {
        long id = store.create("versioned-" + UUID.randomUUID()).id;
        long read = store.find(id).version;
        store.rename(id, read, "renamed-" + UUID.randomUUID());
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> store.rename(id, read, "stale-" + UUID.randomUUID()));
        assertEquals(ErrorCode.CONFLICT, ProblemClassifier.classify(failure).code(), () -> chain(failure));
    }

    @Test
    void aFaultToleranceTimeoutIsTimeout() {
        TimeoutException failure = assertThrows(TimeoutException.class, guarded::slow);
        assertEquals(ErrorCode.TIMEOUT, ProblemClassifier.classify(failure).code());
    }

    @Test
    void anOpenCircuitIsServiceUnavailable() {
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, guarded::failing);
        }
        CircuitBreakerOpenException failure = assertThrows(CircuitBreakerOpenException.class, guarded::failing);
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, ProblemClassifier.classify(failure).code());
    }

    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable link : ProblemClassifier.causes(failure)) {
            text.append(link.getClass().getName()).append(": ").append(link.getMessage()).append('\n');
        }
        return text.toString();
    }
}
