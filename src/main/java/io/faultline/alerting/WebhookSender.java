package io.faultline.alerting;

import io.faultline.resilience.Circuit;
import io.faultline.resilience.CircuitSettings;
import io.faultline.resilience.Circuits;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Sends one signed delivery. Every guard is Fault Tolerance and can be changed through
 * MicroProfile Config, e.g. {@code io.faultline.alerting.WebhookSender/send/Timeout/value};
 * all durations are milliseconds. Retries here are the quick ones within an attempt; attempts
 * themselves are spaced by exponential backoff in {@link Deliveries}.
 */
@ApplicationScoped
public class WebhookSender {

    /** The name of the circuit that guards webhook receivers. */
    public static final String CIRCUIT = "webhook-delivery";

    @Inject
    Circuits circuits;

    private HttpClient client;
    private Circuit circuit;

    @PostConstruct
    void start() {
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        circuit = circuits.register(CIRCUIT, new Circuit.Feature("webhook-delivery",
                "The receivers' circuit is open: deliveries are kept and sent when it closes", true),
                CircuitSettings.of(WebhookSender.class, "send"));
    }

    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 500, jitter = 250, abortOn = {CircuitBreakerOpenException.class, BulkheadException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30_000, successThreshold = 2)
    @Bulkhead(8)
    @Fallback(DeliveryFallback.class)
    public Outcome send(SendAttempt attempt) {
        attempt.called();
        circuits.letThrough(circuit);
        boolean answered = false;
        try {
            HttpResponse<Void> response = client.send(request(attempt), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            attempt.answered(status);
            if (status >= 200 && status < 300) {
                answered = true;
                return Outcome.delivered(status);
            }
            if (status == 410) {
                answered = true;
                return Outcome.gone();
            }
            attempt.failed("the receiver answered " + status);
            throw new DeliveryFailed("the receiver answered " + status);
        } catch (HttpTimeoutException e) {
            attempt.failed("no answer in time");
            throw new DeliveryFailed("no answer in time");
        } catch (ConnectException e) {
            attempt.failed("connection refused or unreachable");
            throw new DeliveryFailed("connection refused or unreachable");
        } catch (IOException e) {
            attempt.failed("I/O error: " + e.getClass().getSimpleName());
            throw new DeliveryFailed("I/O error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.failed("no answer within the timeout");
            throw new DeliveryFailed("no answer within the timeout");
        } finally {
            if (answered) {
                circuits.succeeded(circuit);
            } else {
                circuits.failed(circuit);
            }
        }
    }

    private static HttpRequest request(SendAttempt attempt) {
        long timestamp = System.currentTimeMillis() / 1000;
        return HttpRequest.newBuilder(URI.create(attempt.url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Faultline-Webhooks")
                .header("webhook-id", attempt.messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.sign(attempt.secret, attempt.messageId, timestamp, attempt.payload))
                .header("X-Correlation-ID", attempt.correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(attempt.payload))
                .build();
    }

    /** Created at startup, so that its circuit and the circuit's series exist before the first delivery. */
    void registerAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: it makes the container create the bean, which registers in @PostConstruct.
    }

    Circuit circuit() {
        return circuit;
    }
}
