package io.faultline.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.faultline.it.support.Deployments;
import io.faultline.it.support.Selected;
import io.faultline.resilience.Circuit;
import io.faultline.resilience.Circuits;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook receivers' circuit as {@code /api/ops/circuit-breakers} shows it, held against
 * what the server's own Fault Tolerance breaker does with the sender's calls: open whenever the
 * breaker refuses a call, half-open when it lets the trial through, closed once the trial
 * succeeded. The suite's sender settings: a window of 4 calls, a ratio of 0.5, a delay of 2 s,
 * one trial; each send is retried once.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
class CircuitTrackingIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Inject
    WebhookSender sender;
    @Inject
    Circuits circuits;

    private HttpServer receiver;
    private volatile int answer = 500;
    /** The circuit's state as the API showed it at the moment each call reached the receiver. */
    private final List<Circuit.State> seenByReceiver = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void theShownStateIsWhatTheBreakerDoes() throws Exception {
        Circuit circuit = circuits.find(WebhookSender.CIRCUIT).orElseThrow();
        Webhook hook = receiver();
        assertEquals(Circuit.State.closed, circuit.state());

        // Failing calls until the breaker refuses one: shown closed before each call it lets
        // through, and open before the first it refuses, before the refusal could tell.
        int sends = 0;
        SendAttempt attempt;
        Circuit.State shown;
        do {
            shown = circuit.state();
            attempt = SendAttempt.ping(hook, "circuit-tracking");
            sender.send(attempt);
            if (attempt.wasCalled()) {
                assertEquals(Circuit.State.closed, shown, "shown open while the breaker let calls through");
            }
            assertTrue(++sends <= 10, "the breaker never opened");
        } while (attempt.wasCalled());
        assertEquals(Circuit.State.open, shown, "the breaker refused a call the circuit showed as " + shown);
        assertEquals(Circuit.State.open, circuit.state());

        // Refused calls, until the breaker lets the trial through: shown open at each refusal.
        answer = 204;
        long deadline = System.nanoTime() + 30_000_000_000L;
        int refused = 0;
        while (true) {
            attempt = SendAttempt.ping(hook, "circuit-tracking");
            sender.send(attempt);
            if (attempt.wasCalled()) {
                break;
            }
            refused++;
            Circuit.State after = circuit.state();
            if (after != Circuit.State.open) {
                // The delay ended between the refusal and the look: shown half-open, the breaker
                // must let the very next call through (the circuit notes its opening after the
                // breaker's own, so it never shows half-open before the breaker allows a trial).
                assertEquals(Circuit.State.half_open, after, "after a refusal");
                attempt = SendAttempt.ping(hook, "circuit-tracking");
                sender.send(attempt);
                assertTrue(attempt.wasCalled(), "shown half-open, yet the breaker refused the next call");
                break;
            }
            assertFalse(System.nanoTime() > deadline, "the breaker never let a trial through");
            Thread.sleep(50);
        }
        assertTrue(refused > 0);
        assertEquals(Circuit.State.half_open, seenByReceiver.get(seenByReceiver.size() - 1),
                "the trial reached the receiver while the circuit showed " + seenByReceiver);
        assertEquals(Circuit.State.closed, circuit.state(), "one successful trial closes the breaker");
        attempt = SendAttempt.ping(hook, "circuit-tracking");
        sender.send(attempt);
        assertTrue(attempt.wasCalled(), "the breaker is closed: it lets calls through");
        assertEquals(Circuit.State.closed, circuit.state());
    }

    private Webhook receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            seenByReceiver.add(circuits.find(WebhookSender.CIRCUIT).orElseThrow().state());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
        Webhook hook = new Webhook();
        hook.id = 0L;
        hook.url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        hook.secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        return hook;
    }
}
