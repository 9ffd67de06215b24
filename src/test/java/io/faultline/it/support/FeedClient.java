package io.faultline.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client of the live feed ({@code java.net.http.WebSocket}) that collects frames
 * in a queue. A paused client reads nothing, as a stalled browser tab would.
 */
public final class FeedClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean paused;
    private WebSocket socket;

    public static FeedClient connect(Server server, String authorization, String origin, String correlationId) {
        return connect(server, headers(authorization, origin), correlationId);
    }

    /** A client whose handshake carries these headers (a browser's Cookie and Origin, say). */
    public static FeedClient connect(Server server, Map<String, String> headers, String correlationId) {
        FeedClient client = new FeedClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        String query = correlationId == null ? "" : "?correlationId=" + correlationId;
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/events" + query), client).join();
        return client;
    }

    /** The HTTP status a refused handshake got. */
    public static int refusedWith(Server server, String authorization, String origin) {
        return refusedWith(server, headers(authorization, origin));
    }

    /** The HTTP status a handshake with these headers got: 101 when it was accepted. */
    public static int refusedWith(Server server, Map<String, String> headers) {
        try {
            connect(server, headers, null).close();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static Map<String, String> headers(String authorization, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return headers;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Stops reading: the server's frames back up in the network and then in its queue. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        socket.request(1);
    }

    /** The next frame matching the predicate, skipping others, within the time given. */
    public JsonObject await(Predicate<JsonObject> wanted, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (System.nanoTime() < deadline) {
                JsonObject frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame != null && wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching frame within " + seconds + " s");
    }

    /** The events of an {@code events} frame, oldest first. */
    public static List<JsonObject> events(JsonObject frame) {
        return frame.getJsonArray("events").getValuesAs(JsonObject.class);
    }

    /**
     * The next {@code count} events, from as many {@code events} frames as they come in, failing
     * on a {@code lagged} frame: a client that keeps up loses nothing.
     */
    public List<JsonObject> awaitEvents(int count, long seconds) {
        List<JsonObject> events = new ArrayList<>();
        while (events.size() < count) {
            JsonObject frame = await(f -> List.of("events", "lagged").contains(f.getString("type")), seconds);
            if (!"events".equals(frame.getString("type"))) {
                throw new AssertionError("lost events after " + events.size() + " of " + count + ": " + frame);
            }
            events.addAll(events(frame));
        }
        return events;
    }

    /** Events received and events announced as lost ({@code lagged}). */
    public record Tally(long events, long announced) {
    }

    /** Reads until no frame has come for the time given, counting events and those announced as lost. */
    public Tally tallyUntilQuiet(long seconds) {
        long events = 0;
        long announced = 0;
        try {
            while (true) {
                JsonObject frame = frames.poll(seconds, TimeUnit.SECONDS);
                if (frame == null) {
                    return new Tally(events, announced);
                }
                if ("events".equals(frame.getString("type"))) {
                    events += events(frame).size();
                } else if ("lagged".equals(frame.getString("type"))) {
                    announced += frame.getJsonNumber("dropped").longValue();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The frames received and not yet taken by an await, in order. */
    public List<JsonObject> received() {
        List<JsonObject> list = new ArrayList<>();
        frames.drainTo(list);
        return list;
    }

    public JsonObject awaitType(String type) {
        return await(f -> type.equals(f.getString("type", "")), 10);
    }

    /** The close code the server sent, waiting up to the time given; -1 if none came. */
    public int closeCode(long seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes from the client's side with this code, as a client of any kind may. */
    public void closeWith(int code) {
        socket.sendClose(code, "client's own code").join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
