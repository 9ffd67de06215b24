package io.faultline.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook receiver on loopback that answers as the test says: 200, 500, 410, or not at all
 * (it holds the request until released). It keeps every request it got.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** How the receiver answers. */
    public enum Mode { OK, FAIL, GONE, HANG }

    /** One request as received. */
    public record Received(Map<String, List<String>> headers, String body, long atMillis) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Mode mode;
    private volatile CountDownLatch release = new CountDownLatch(1);

    public WebhookReceiver(Mode mode) throws IOException {
        this.mode = mode;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), System.currentTimeMillis()));
            }
            Mode now = this.mode;
            if (now == Mode.HANG) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = switch (now) {
                case OK, HANG -> 200;
                case FAIL -> 500;
                case GONE -> 410;
            };
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/faultline";
    }

    public void answer(Mode next) {
        if (mode == Mode.HANG && next != Mode.HANG) {
            release.countDown();
            release = new CountDownLatch(1);
        }
        mode = next;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until the requests received satisfy the condition, and returns them. */
    public List<Received> await(Duration budget, Predicate<List<Received>> until) {
        long deadline = System.nanoTime() + budget.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> now = received();
            if (until.test(now)) {
                return now;
            }
            Await.pause(50);
        }
        throw new AssertionError("the receiver did not get what was expected within " + budget + "; got " + received());
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
