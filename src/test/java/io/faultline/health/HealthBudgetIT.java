package io.faultline.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.it.support.Deployments;
import io.faultline.it.support.Selected;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health checks' time budget, on the server's own managed executor: a check that hangs is
 * DOWN when its budget runs out and its thread is given back; a failing one says why, in words
 * that hold no secret; the real readiness checks each answer within the budget.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
class HealthBudgetIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    TimedChecks checks;
    @Inject
    HealthConfig config;
    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Test
    void aCheckThatHangsIsDownWhenItsBudgetRunsOutAndItsThreadIsFreed() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        TimedChecks.Outcome outcome = checks.run(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return Map.of();
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(outcome.up());
        assertEquals("no answer within " + config.checkTimeoutMs() + " ms", outcome.data().get("reason"));
        assertTrue(millis >= config.checkTimeoutMs() && millis < config.checkTimeoutMs() + 500,
                "answered after " + millis + " ms with a budget of " + config.checkTimeoutMs() + " ms");
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the hung check still holds its thread");
    }

    @Test
    void aFailingCheckSaysWhyWithoutItsMessage() {
        TimedChecks.Outcome failed = checks.run(() -> {
            throw new CheckFailed("free disk below the minimum");
        });
        assertFalse(failed.up());
        assertEquals("free disk below the minimum", failed.data().get("reason"));
        TimedChecks.Outcome database = checks.run(() -> {
            throw new SQLTransientConnectionException("connect to db.internal:5432 user=faultline password=hunter2", "08001");
        });
        assertFalse(database.up());
        assertEquals("database error, SQLState 08001", database.data().get("reason"));
        assertTrue(database.data().containsKey("durationMs"));
    }

    @Test
    void everyReadinessCheckAnswersWithinTheBudget() {
        int checked = 0;
        for (HealthCheck check : readiness) {
            long start = System.nanoTime();
            HealthCheckResponse response = check.call();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < config.checkTimeoutMs() + 500, response.getName() + " took " + millis + " ms");
            assertTrue(response.getData().isPresent() && response.getData().get().containsKey("durationMs"),
                    response.getName() + " has no durationMs");
            checked++;
        }
        assertTrue(checked >= 3, "readiness checks found: " + checked);
    }
}
