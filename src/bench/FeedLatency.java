import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live-feed benchmark: CLIENTS subscribed WebSocket clients, intake at RATE events a second for
 * SECONDS, and the latency from each event's 202 to its arrival at every client, with frames and
 * bytes a second, events per frame, and the CPU of the server (SERVER_PID) and of this load
 * generator over the measured window. Clients decode cheaply: they find each event's sequence
 * number in the frame's text, no JSON parsing. Optionally one more client that subscribes and
 * then reads nothing (STALLED=1).
 *
 *   SERVER_PID=<pid> java src/bench/FeedLatency.java http://127.0.0.1:9080 admin <password> <ingest key> <project slug>
 */
public class FeedLatency {

    private static final String SEQUENCE = "feed bench ";
    private static final Pattern DROPPED = Pattern.compile("\"dropped\":(\\d+)");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        String key = args[3];
        String project = args[4];
        int clients = Integer.parseInt(env("CLIENTS", "500"));
        int rate = Integer.parseInt(env("RATE", "1000"));
        int seconds = Integer.parseInt(env("SECONDS", "30"));
        boolean stalled = env("STALLED", "0").equals("1");

        long[] acceptedAt = new long[rate * seconds + 1000];
        List<long[]> arrivals = new ArrayList<>();
        AtomicLong lagged = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        AtomicLong eventsReceived = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long serverPid = Long.parseLong(env("SERVER_PID", "0"));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();
        URI ws = URI.create(base.replace("http", "ws") + "/ws/events");
        String subscribe = "{\"type\":\"subscribe\",\"projects\":[\"" + project + "\"]}";

        HttpClient feedClient = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        List<WebSocket> sockets = new ArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            long[] arrived = new long[acceptedAt.length];
            arrivals.add(arrived);
            WebSocket.Listener listener = new WebSocket.Listener() {
                final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String frame = partial.toString();
                        partial.setLength(0);
                        if (frame.contains("\"type\":\"subscribed\"")) {
                            subscribed.countDown();
                        }
                        Matcher dropped = DROPPED.matcher(frame);
                        if (frame.contains("\"type\":\"lagged\"") && dropped.find()) {
                            lagged.addAndGet(Long.parseLong(dropped.group(1)));
                        }
                        if (frame.startsWith("{\"type\":\"events\"")) {
                            long now = System.nanoTime();
                            frames.incrementAndGet();
                            bytes.addAndGet(frame.length());
                            for (int at = frame.indexOf(SEQUENCE); at >= 0; at = frame.indexOf(SEQUENCE, at)) {
                                at += SEQUENCE.length();
                                int n = 0;
                                while (Character.isDigit(frame.charAt(at))) {
                                    n = n * 10 + (frame.charAt(at++) - '0');
                                }
                                eventsReceived.incrementAndGet();
                                if (n < arrived.length) {
                                    arrived[n] = now;
                                }
                            }
                        }
                    }
                    socket.request(1);
                    return null;
                }
            };
            WebSocket socket = feedClient.newWebSocketBuilder().header("Authorization", auth)
                    .buildAsync(ws, listener).join();
            socket.sendText(subscribe, true).join();
            sockets.add(socket);
        }
        if (stalled) {
            WebSocket slow = feedClient.newWebSocketBuilder().header("Authorization", auth)
                    .buildAsync(ws, new WebSocket.Listener() {
                        @Override
                        public void onOpen(WebSocket socket) {
                            socket.request(1);
                        }
                    }).join();
            slow.sendText(subscribe, true).join();
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every client subscribed");
        }

        long serverCpuStart = cpuNanos(serverPid);
        long ownCpuStart = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
        long framesStart = frames.get();
        long eventsStart = eventsReceived.get();
        long bytesStart = bytes.get();
        AtomicLong sent = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long periodMicros = 1_000_000L / rate;
        long start = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            int n = (int) sent.incrementAndGet();
            if (n >= acceptedAt.length) {
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/errors/report"))
                    .header("Content-Type", "application/json").header("X-Faultline-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"level\":\"error\",\"message\":\"feed bench " + n
                            + "\",\"fingerprint\":[\"feed-" + (n % 20) + "\"]}")).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                if (response.statusCode() == 202) {
                    accepted.incrementAndGet();
                    acceptedAt[n] = System.nanoTime();
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        TimeUnit.SECONDS.sleep(seconds);
        pacer.shutdownNow();
        TimeUnit.SECONDS.sleep(3);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double serverCpu = (cpuNanos(serverPid) - serverCpuStart) / 1e9 / elapsed;
        double ownCpu = (ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L) - ownCpuStart)
                / 1e9 / elapsed;
        long framesMeasured = frames.get() - framesStart;
        long eventsMeasured = eventsReceived.get() - eventsStart;

        // From the client seeing its 202 to each subscriber seeing the frame; a frame that beat
        // the 202 to its reader counts as zero.
        List<Long> all = new ArrayList<>();
        for (long[] arrived : arrivals) {
            for (int n = 0; n < arrived.length; n++) {
                if (arrived[n] > 0 && acceptedAt[n] > 0) {
                    all.add(Math.max(0, arrived[n] - acceptedAt[n]));
                }
            }
        }
        all.sort(Long::compare);
        System.out.printf("clients=%d rate=%d stalled=%s accepted_per_second=%.0f events_delivered=%d of %d lagged_announced=%d%n",
                clients, rate, stalled, accepted.get() / (elapsed - 3), all.size(), accepted.get() * clients, lagged.get());
        System.out.printf("frames_per_second=%.0f events_per_frame=%.1f bytes_per_second=%.0f server_cpu_cores=%.2f"
                        + " load_generator_cpu_cores=%.2f (window %.0f s, 2 cores in all)%n",
                framesMeasured / elapsed, framesMeasured == 0 ? 0.0 : (double) eventsMeasured / framesMeasured,
                (bytes.get() - bytesStart) / elapsed, serverCpu, ownCpu, elapsed);
        for (double p : new double[] {0.5, 0.9, 0.99}) {
            long value = all.isEmpty() ? 0 : all.get(Math.min(all.size() - 1, (int) (all.size() * p)));
            System.out.printf("p%d_ms=%.1f%n", (int) (p * 100), value / 1e6);
        }
        sockets.forEach(s -> s.abort());
        System.exit(0);
    }

    /** A process's CPU time so far (user and system), from /proc; 0 when there is none to read. */
    private static long cpuNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command; in ticks of 10 ms.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
