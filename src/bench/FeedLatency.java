import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live-feed benchmark: CLIENTS subscribed WebSocket clients, intake at RATE events a second for
 * SECONDS, and the latency from each event's 202 to its arrival at every client, with frames and
 * bytes a second, events per frame, and the CPU of the server (SERVER_PID) and of this load
 * generator over the measured window. Optionally one more client that subscribes and then reads
 * nothing (STALLED=1).
 *
 * The load generator must not be what is measured, so it is cheap on purpose: the clients are
 * plain sockets on READERS selector threads that read frames by their headers and find each
 * event's sequence number in the bytes, parsing no JSON; intake goes over SENDERS keep-alive
 * HTTP/1.1 connections, one event per request, as an SDK sends them.
 *
 *   SERVER_PID=<pid> java src/bench/FeedLatency.java http://127.0.0.1:9080 admin <password> <ingest key> <project slug>
 *   INTAKE_URL=http://127.0.0.1:19581 java src/bench/FeedLatency.java http://127.0.0.1:19580 ...   (clients on one instance, intake to another)
 */
public class FeedLatency {

    private static final byte[] SEQUENCE = "feed bench ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENTS = "{\"type\":\"events\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAGGED = "\"type\":\"lagged\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DROPPED = "\"dropped\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBED = "\"type\":\"subscribed\"".getBytes(StandardCharsets.US_ASCII);

    static final AtomicLong FRAMES = new AtomicLong();
    static final AtomicLong EVENTS_RECEIVED = new AtomicLong();
    static final AtomicLong BYTES = new AtomicLong();
    static final AtomicLong LAGGED_ANNOUNCED = new AtomicLong();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        String key = args[3];
        String project = args[4];
        int clients = Integer.parseInt(env("CLIENTS", "500"));
        int rate = Integer.parseInt(env("RATE", "1000"));
        int seconds = Integer.parseInt(env("SECONDS", "30"));
        int readers = Integer.parseInt(env("READERS", "2"));
        int senders = Integer.parseInt(env("SENDERS", "16"));
        boolean stalled = env("STALLED", "0").equals("1");
        long serverPid = Long.parseLong(env("SERVER_PID", "0"));
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        // Intake to another instance than the clients' (INTAKE_URL), for the latency across instances.
        URI intakeBase = URI.create(env("INTAKE_URL", args[0]));
        InetSocketAddress intake = new InetSocketAddress(intakeBase.getHost(), intakeBase.getPort());
        String subscribe = "{\"type\":\"subscribe\",\"projects\":[\"" + project + "\"]}";

        long[] acceptedAt = new long[rate * seconds + 1000];
        CountDownLatch subscribed = new CountDownLatch(clients);
        Selector[] selectors = new Selector[readers];
        for (int r = 0; r < readers; r++) {
            selectors[r] = Selector.open();
        }
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = Client.open(address, auth, subscribe, new long[acceptedAt.length], subscribed);
            all.add(client);
        }
        if (stalled) {
            Client.open(address, auth, subscribe, new long[0], new CountDownLatch(1)); // never read again
        }
        for (int i = 0; i < all.size(); i++) {
            Client client = all.get(i);
            client.channel.configureBlocking(false);
            client.channel.register(selectors[i % readers], SelectionKey.OP_READ, client);
            client.drain(); // whatever came with the handshake
        }
        for (Selector selector : selectors) {
            Thread reader = new Thread(() -> readLoop(selector), "feed-reader");
            reader.setDaemon(true);
            reader.start();
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every client subscribed: " + subscribed.getCount() + " missing");
        }

        long serverCpuStart = cpuNanos(serverPid);
        long ownCpuStart = ownCpuNanos();
        long framesStart = FRAMES.get();
        long eventsStart = EVENTS_RECEIVED.get();
        long bytesStart = BYTES.get();
        AtomicLong accepted = new AtomicLong();
        BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
        for (int s = 0; s < senders; s++) {
            Thread sender = new Thread(new Sender(intake, key, due, acceptedAt, accepted), "intake-sender");
            sender.setDaemon(true);
            sender.start();
        }
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            int n = (int) sent.incrementAndGet();
            if (n < acceptedAt.length) {
                due.add(n);
            }
        }, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
        TimeUnit.SECONDS.sleep(seconds);
        pacer.shutdownNow();
        double intakeSeconds = (System.nanoTime() - start) / 1e9;
        TimeUnit.SECONDS.sleep(3);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double serverCpu = (cpuNanos(serverPid) - serverCpuStart) / 1e9 / elapsed;
        double ownCpu = (ownCpuNanos() - ownCpuStart) / 1e9 / elapsed;
        long frames = FRAMES.get() - framesStart;
        long events = EVENTS_RECEIVED.get() - eventsStart;

        // From the client seeing its 202 to each subscriber reading the event; an event that beat
        // the 202 to its reader counts as zero.
        // In a histogram of 0.1 ms steps: millions of latencies would not fit in memory one by one.
        long[] histogram = new long[600_001];
        long count = 0;
        for (Client client : all) {
            for (int n = 0; n < client.arrived.length; n++) {
                long arrived = client.arrived[n];
                if (arrived > 0 && acceptedAt[n] > 0) {
                    histogram[(int) Math.min(histogram.length - 1, Math.max(0, arrived - acceptedAt[n]) / 100_000)]++;
                    count++;
                }
            }
        }
        System.out.printf("clients=%d rate=%d stalled=%s accepted_per_second=%.0f events_delivered=%d of %d lagged_announced=%d%n",
                clients, rate, stalled, accepted.get() / intakeSeconds, count, accepted.get() * clients,
                LAGGED_ANNOUNCED.get());
        System.out.printf("frames_per_second=%.0f events_per_frame=%.1f bytes_per_second=%.0f server_cpu_cores=%.2f"
                        + " load_generator_cpu_cores=%.2f (window %.0f s, 2 cores in all)%n",
                frames / elapsed, frames == 0 ? 0.0 : (double) events / frames, (BYTES.get() - bytesStart) / elapsed,
                serverCpu, ownCpu, elapsed);
        for (double p : new double[] {0.5, 0.9, 0.99}) {
            long rank = (long) Math.ceil(count * p);
            long seen = 0;
            int step = 0;
            while (step < histogram.length - 1 && seen + histogram[step] < rank) {
                seen += histogram[step++];
            }
            System.out.printf("p%d_ms=%.1f%n", (int) (p * 100), step / 10.0);
        }
        System.exit(0);
    }

    private static void readLoop(Selector selector) {
        try {
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Client client = (Client) key.attachment();
                    if (!client.drain()) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One feed client on a plain socket: a WebSocket handshake, a masked subscribe, then frames read by their headers. */
    static final class Client {
        final SocketChannel channel;
        final long[] arrived;
        final CountDownLatch subscribed;
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        final ByteArrayOutputStream fragments = new ByteArrayOutputStream();
        boolean fragmented;

        private Client(SocketChannel channel, long[] arrived, CountDownLatch subscribed) {
            this.channel = channel;
            this.arrived = arrived;
            this.subscribed = subscribed;
        }

        static Client open(InetSocketAddress address, String auth, String subscribe, long[] arrived, CountDownLatch subscribed)
                throws IOException {
            SocketChannel channel = SocketChannel.open(address);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String handshake = "GET /ws/events HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nAuthorization: " + auth + "\r\n\r\n";
            channel.write(ByteBuffer.wrap(handshake.getBytes(StandardCharsets.US_ASCII)));
            Client client = new Client(channel, arrived, subscribed);
            int end;
            while ((end = indexOf(client.in.array(), 0, client.in.position(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) < 0) {
                if (channel.read(client.in) < 0) {
                    throw new IOException("closed during the handshake");
                }
            }
            String response = new String(client.in.array(), 0, end, StandardCharsets.US_ASCII);
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + response.lines().findFirst().orElse(""));
            }
            client.in.flip().position(end + 4);
            client.in.compact();
            channel.write(maskedText(subscribe.getBytes(StandardCharsets.UTF_8)));
            return client;
        }

        /** Reads what the socket has and handles every whole frame; false once the server closed. */
        boolean drain() throws IOException {
            int read;
            do {
                read = channel.read(in);
                frames();
                if (!in.hasRemaining()) {
                    in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
            } while (read > 0);
            return read >= 0;
        }

        private void frames() {
            in.flip();
            byte[] bytes = in.array();
            while (in.remaining() >= 2) {
                int at = in.position();
                int b0 = bytes[at] & 0xff;
                long length = bytes[at + 1] & 0x7f;
                int header = 2;
                if (length == 126) {
                    if (in.remaining() < 4) {
                        break;
                    }
                    length = in.getShort(at + 2) & 0xffff;
                    header = 4;
                } else if (length == 127) {
                    if (in.remaining() < 10) {
                        break;
                    }
                    length = in.getLong(at + 2);
                    header = 10;
                }
                if (in.remaining() < header + length) {
                    if (header + length > in.capacity()) {
                        in.compact();
                        in = ByteBuffer.allocate((int) (header + length) * 2).put(in.flip());
                        in.flip();
                        bytes = in.array();
                    }
                    break;
                }
                int opcode = b0 & 0x0f;
                boolean fin = (b0 & 0x80) != 0;
                int payload = at + header;
                if (opcode == 1 && fin) {
                    message(bytes, payload, (int) length);
                } else if (opcode == 1 || opcode == 0) {
                    fragments.write(bytes, payload, (int) length);
                    if (fin) {
                        byte[] whole = fragments.toByteArray();
                        fragments.reset();
                        message(whole, 0, whole.length);
                    }
                }
                in.position(payload + (int) length);
            }
            in.compact();
        }

        private void message(byte[] bytes, int from, int length) {
            int to = from + length;
            if (startsWith(bytes, from, to, EVENTS)) {
                long now = System.nanoTime();
                FRAMES.incrementAndGet();
                BYTES.addAndGet(length);
                for (int at = indexOf(bytes, from, to, SEQUENCE); at >= 0; at = indexOf(bytes, at, to, SEQUENCE)) {
                    at += SEQUENCE.length;
                    int n = 0;
                    while (at < to && bytes[at] >= '0' && bytes[at] <= '9') {
                        n = n * 10 + (bytes[at++] - '0');
                    }
                    EVENTS_RECEIVED.incrementAndGet();
                    if (n < arrived.length) {
                        arrived[n] = now;
                    }
                }
            } else if (indexOf(bytes, from, to, LAGGED) >= 0) {
                int at = indexOf(bytes, from, to, DROPPED) + DROPPED.length;
                long dropped = 0;
                while (at < to && bytes[at] >= '0' && bytes[at] <= '9') {
                    dropped = dropped * 10 + (bytes[at++] - '0');
                }
                LAGGED_ANNOUNCED.addAndGet(dropped);
            } else if (indexOf(bytes, from, to, SUBSCRIBED) >= 0) {
                subscribed.countDown();
            }
        }
    }

    /** Reports events as they fall due, over one keep-alive HTTP/1.1 connection, noting when each 202 came. */
    record Sender(InetSocketAddress address, String key, BlockingQueue<Integer> due, long[] acceptedAt, AtomicLong accepted)
            implements Runnable {

        @Override
        public void run() {
            Socket socket = null;
            try {
                while (true) {
                    int n = due.take();
                    if (socket == null) {
                        socket = new Socket(address.getAddress(), address.getPort());
                        socket.setTcpNoDelay(true);
                    }
                    byte[] body = ("{\"level\":\"error\",\"message\":\"feed bench " + n + "\",\"fingerprint\":[\"feed-"
                            + (n % 20) + "\"]}").getBytes(StandardCharsets.UTF_8);
                    byte[] head = ("POST /api/errors/report HTTP/1.1\r\nHost: " + address.getHostString() + "\r\n"
                            + "Content-Type: application/json\r\nX-Faultline-Key: " + key + "\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = socket.getOutputStream();
                    out.write(head);
                    out.write(body);
                    out.flush();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    String status = line(in);
                    long contentLength = 0;
                    boolean close = false;
                    for (String header = line(in); !header.isEmpty(); header = line(in)) {
                        String lower = header.toLowerCase();
                        if (lower.startsWith("content-length:")) {
                            contentLength = Long.parseLong(lower.substring(15).trim());
                        } else if (lower.startsWith("connection:") && lower.contains("close")) {
                            close = true;
                        }
                    }
                    in.readNBytes((int) contentLength);
                    if (status.startsWith("HTTP/1.1 202")) {
                        acceptedAt[n] = System.nanoTime();
                        accepted.incrementAndGet();
                    }
                    if (close) {
                        socket.close();
                        socket = null;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // the run is over, or the server went away
            }
        }

        /** One header line; the stream is read byte by byte, so nothing of the next response is taken. */
        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    static ByteBuffer maskedText(byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
        frame.put((byte) 0x81);
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        return frame.flip();
    }

    static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    static int indexOf(byte[] bytes, int from, int to, byte[] wanted) {
        for (int i = from; i <= to - wanted.length; i++) {
            if (bytes[i] == wanted[0] && Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    /** A process's CPU time so far (user and system), from /proc; 0 when there is none to read. */
    private static long cpuNanos(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command; in ticks of 10 ms.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException e) {
            return 0;
        }
    }

    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
