package io.faultline.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Runs a check within its time budget ({@code faultline.health.check-timeout-ms}) on the
 * managed executor, so that a hung dependency turns the probe DOWN in time instead of hanging
 * it. Every response carries {@code durationMs}; a DOWN one a short {@code reason}, never a
 * stack trace or a connection string.
 */
@ApplicationScoped
public class TimedChecks {

    @Resource
    ManagedExecutorService executor;

    @Inject
    HealthConfig config;

    /** The body of a check: returns its data when UP, throws {@link CheckFailed} when DOWN. */
    @FunctionalInterface
    interface Check {
        Map<String, Object> run() throws Exception;
    }

    /** The outcome of one check: whether it is UP, its data, and how long it took. */
    record Outcome(boolean up, Map<String, Object> data) {
    }

    Outcome run(Check check) {
        long start = System.nanoTime();
        Map<String, Object> data = new LinkedHashMap<>();
        boolean up;
        Future<Map<String, Object>> running = null;
        try {
            running = executor.submit(check::run);
            data.putAll(running.get(config.checkTimeoutMs(), TimeUnit.MILLISECONDS));
            up = true;
        } catch (TimeoutException e) {
            running.cancel(true);
            data.put("reason", "no answer within " + config.checkTimeoutMs() + " ms");
            up = false;
        } catch (ExecutionException e) {
            data.put("reason", reason(e.getCause()));
            up = false;
        } catch (RejectedExecutionException e) {
            data.put("reason", "no thread free to run the check");
            up = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            data.put("reason", "interrupted");
            up = false;
        }
        data.put("durationMs", (System.nanoTime() - start) / 1_000_000);
        return new Outcome(up, data);
    }

    HealthCheckResponse response(String name, Check check) {
        Outcome outcome = run(check);
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(outcome.up());
        outcome.data().forEach((key, value) -> {
            if (value instanceof Boolean b) {
                builder.withData(key, b);
            } else if (value instanceof Number n) {
                builder.withData(key, n.longValue());
            } else {
                builder.withData(key, String.valueOf(value));
            }
        });
        return builder.build();
    }

    private static String reason(Throwable failure) {
        if (failure instanceof CheckFailed) {
            return failure.getMessage();
        }
        for (Throwable link = failure; link != null; link = link.getCause()) {
            if (link instanceof SQLException sql && sql.getSQLState() != null) {
                return "database error, SQLState " + sql.getSQLState();
            }
        }
        return "check failed";
    }
}
