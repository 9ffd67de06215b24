import com.sun.net.httpserver.HttpServer;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.protocol.User;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * Makes the body of the benchmark's envelope scenario from what the Sentry Java SDK really
 * sends: it reports an exception with a cause, tags, a user and breadcrumbs to a local capture,
 * and splits the envelope into a compressed prefix and the event's own id, which
 * report-envelope.lua appends per request (as a stored deflate block, with the gzip trailer
 * continued from the prefix's CRC), so that every request is a distinct event, gzip-encoded.
 *
 *   java -cp <sentry jar> src/bench/SentryEnvelope.java target/bench
 */
public class SentryEnvelope {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        byte[] envelope = gunzip(capture());
        String[] lines = new String(envelope, StandardCharsets.UTF_8).split("\n");
        String header = lines[0].replaceAll("\"event_id\":\"[0-9a-f]{32}\",?", "");
        String itemHeader = lines[1].replaceAll(",?\"length\":[0-9]+", "").replace("{,", "{");
        String event = lines[2].replaceAll("\"event_id\":\"[0-9a-f]{32}\",?", "").replaceAll(",}$", "}");
        String prefix = header + "\n" + itemHeader + "\n" + event.substring(0, event.length() - 1) + ",";
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        gzip.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(prefixBytes);
        byte[] buffer = new byte[65536];
        int n;
        // A sync flush ends on a byte boundary without a final block: the id follows as one.
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            gzip.write(buffer, 0, n);
        }
        CRC32 crc = new CRC32();
        crc.update(prefixBytes);
        Files.createDirectories(out);
        Files.write(out.resolve("envelope-prefix.bin"), gzip.toByteArray());
        Files.writeString(out.resolve("envelope.env"), "ENVELOPE_PREFIX_CRC=" + crc.getValue() + "\nENVELOPE_PREFIX_LENGTH="
                + prefixBytes.length + "\n");
        System.out.printf("envelope_bytes=%d envelope_gzip_bytes=%d%n", prefixBytes.length + 47, gzip.size() + 5 + 47 + 8);
    }

    /** One envelope as the SDK sends it, captured by a local server. */
    private static byte[] capture() throws Exception {
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            body.complete(exchange.getRequestBody().readAllBytes());
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            Sentry.init(options -> {
                options.setDsn("http://bench@127.0.0.1:" + server.getAddress().getPort() + "/1");
                options.setRelease("shop@1.4.2");
                options.setEnvironment("production");
                options.setServerName("web-3");
                options.addInAppInclude("SentryEnvelope");
                options.setEnableUncaughtExceptionHandler(false);
                options.setSendClientReports(false);
            });
            Sentry.setTag("region", "eu-west-1");
            Sentry.setTag("tier", "web");
            User user = new User();
            user.setId("4711");
            user.setEmail("customer@example.com");
            Sentry.setUser(user);
            Sentry.addBreadcrumb(Breadcrumb.http("https://shop.example/cart", "GET", 200));
            Sentry.addBreadcrumb(Breadcrumb.navigation("/cart", "/checkout"));
            Sentry.addBreadcrumb(Breadcrumb.http("https://payments.example/v1/charges", "POST", 504));
            Sentry.addBreadcrumb("retrying charge after timeout");
            try {
                Checkout.pay(42);
            } catch (IllegalStateException e) {
                Sentry.captureException(e);
            }
            Sentry.flush(10_000);
            return body.get(10, TimeUnit.SECONDS);
        } finally {
            Sentry.close();
            server.stop(0);
        }
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    /** A small application, for a realistic stack: the SDK marks these frames in-app. */
    static final class Checkout {
        static void pay(int order) {
            try {
                Billing.charge(order, 1999);
            } catch (IOException e) {
                throw new IllegalStateException("payment failed for order " + order, e);
            }
        }
    }

    static final class Billing {
        static void charge(int order, int cents) throws IOException {
            throw new IOException("upstream timed out after 3000 ms");
        }
    }
}
