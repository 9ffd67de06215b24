package io.faultline.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The server the integration tests run against: Open Liberty or Payara Micro (system property
 * {@code faultline.it.server}), started once per test JVM with the test WAR deployed, and
 * stopped when the JVM exits. It can also be killed and started again, as an operator's
 * server would be.
 */
public final class TestServer {

    /** Settings the tests depend on, passed as environment variables as an operator would. */
    public static final long SLOW_REQUEST_MS = 400;
    public static final String ADMIN = "admin";
    /** Enough for the feed's stall test; the rate-limit test exhausts it. */
    public static final long INGEST_BURST = 6000;
    public static final long INGEST_RATE = 200;
    public static final String ADMIN_PASSWORD = "it-admin-password-1";

    /** The webhook sender's Fault Tolerance settings, made quick, through MicroProfile Config as an operator would. */
    public static final String SENDER = "IO_FAULTLINE_ALERTING_WEBHOOKSENDER_SEND_";
    public static final long CIRCUIT_DELAY_MS = 2000;
    public static final int MAX_ATTEMPTS = 3;
    /** The time zone every test server runs in. */
    public static final String SERVER_TIME_ZONE = "Asia/Kathmandu";
    private static final Map<String, String> WEBHOOK_GUARDS = Map.ofEntries(
            Map.entry("FAULTLINE_WEBHOOK_POLL_MS", "200"),
            Map.entry("FAULTLINE_WEBHOOK_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS)),
            Map.entry("FAULTLINE_WEBHOOK_BACKOFF_MS", "200"),
            Map.entry("FAULTLINE_WEBHOOK_MAX_BACKOFF_MS", "1000"),
            Map.entry(SENDER + "TIMEOUT_VALUE", "1000"),
            Map.entry(SENDER + "RETRY_MAXRETRIES", "1"),
            Map.entry(SENDER + "RETRY_DELAY", "100"),
            Map.entry(SENDER + "RETRY_JITTER", "50"),
            Map.entry(SENDER + "CIRCUITBREAKER_REQUESTVOLUMETHRESHOLD", "4"),
            Map.entry(SENDER + "CIRCUITBREAKER_FAILURERATIO", "0.5"),
            Map.entry(SENDER + "CIRCUITBREAKER_DELAY", Long.toString(CIRCUIT_DELAY_MS)),
            Map.entry(SENDER + "CIRCUITBREAKER_SUCCESSTHRESHOLD", "1"));

    private static final String POSTGRESQL = "postgresql";
    private static TestServer instance;
    private static PostgresCluster database;
    private static RuntimeException startFailure;

    private final String kind;
    private final String name;
    private final int port;
    private final Path target;
    private final Path logDir;
    private final Map<String, String> extraEnvironment;
    private Process process;

    private TestServer(String kind, String name, int port, Path target, Map<String, String> extraEnvironment) {
        this.kind = kind;
        this.name = name;
        this.port = port;
        this.target = target;
        this.logDir = target.resolve("it-logs").resolve(kind).resolve(name);
        this.extraEnvironment = extraEnvironment;
    }

    public static synchronized TestServer get() {
        String kind = System.getProperty("faultline.it.server", "liberty");
        String variant = variant();
        Assumptions.assumeTrue(List.of(System.getProperty("faultline.it.servers", variant).split(",")).contains(variant),
                "integration tests on " + variant + " are not selected");
        if (startFailure != null) {
            throw new IllegalStateException("the " + variant + " server failed to start earlier", startFailure);
        }
        if (instance == null) {
            int port = Integer.getInteger("faultline.it.port", 19080);
            Path target = Path.of(System.getProperty("faultline.it.target", "target"));
            Map<String, String> environment = Map.of();
            if (variant.endsWith(POSTGRESQL)) {
                Assumptions.assumeTrue(PostgresCluster.binaries() != null,
                        "PostgreSQL is not installed: apt-get install postgresql");
                environment = startDatabase(target, port + 1000);
            }
            TestServer server = new TestServer(kind, variant.equals(kind) ? "main" : "main-" + variant, port, target,
                    environment);
            server.prepare();
            try {
                server.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            // The test JVM may be given little time to exit: no graceful stop here.
            Runtime.getRuntime().addShutdownHook(new Thread(server::kill));
            instance = server;
        }
        return instance;
    }

    /**
     * The servers the tests run on: liberty, payara, postgresql (Liberty on PostgreSQL) or
     * payara-postgresql.
     */
    public static String variant() {
        return System.getProperty("faultline.it.variant", System.getProperty("faultline.it.server", "liberty"));
    }

    /** The private PostgreSQL cluster the main server uses, if the variant is postgresql. */
    public static Optional<PostgresCluster> database() {
        return Optional.ofNullable(database);
    }

    private static Map<String, String> startDatabase(Path target, int port) {
        PostgresCluster cluster = new PostgresCluster(target.resolve("postgresql").resolve("it"), port);
        try {
            cluster.create();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the PostgreSQL cluster", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.stopAbruptly();
            } catch (Exception e) {
                // Already stopped.
            }
        }));
        database = cluster;
        return cluster.serverEnvironment();
    }

    /**
     * A second server of the same kind beside the main one, with its own directory, database,
     * log and port, and extra environment; prepared but not started.
     */
    public static TestServer another(String name, int portOffset, Map<String, String> environment) {
        TestServer main = get();
        TestServer server = new TestServer(main.kind, name, main.port + portOffset, main.target, environment);
        server.prepare();
        return server;
    }

    /**
     * Starts the server expecting the application to fail, and returns what the server printed
     * once it has said so (or has exited).
     */
    public String startExpectingFailure(Duration budget) {
        launch();
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            while (System.nanoTime() < deadline && process.isAlive() && !deploymentFailed()) {
                sleep(500);
            }
            return Files.readString(consoleFile(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            stop();
        }
    }

    /** Whether the application answers at all. */
    public boolean answers() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/api/error-codes"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String kind() {
        return kind;
    }

    public boolean isLiberty() {
        return kind.equals("liberty");
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI uri(String path) {
        return base().resolve(path);
    }

    public int port() {
        return port;
    }

    /** Faultline's JSON log, written by the WAR itself through {@code faultline.log.file}. */
    public Path logFile() {
        return logDir.resolve("faultline.log");
    }

    /** Everything the server process printed. */
    public Path consoleFile() {
        return logDir.resolve("console.log");
    }

    private void prepare() {
        try {
            deleteTree(logDir);
            Files.createDirectories(logDir);
            if (isLiberty()) {
                Path configured = Path.of(System.getProperty("faultline.it.liberty.server"));
                Path server = libertyServerDir();
                deleteTree(server);
                copyTree(configured, server, "workarea", "logs", "apps", "dropins");
                Files.createDirectories(server.resolve("apps"));
                Files.copy(war(), server.resolve("apps/faultline.war"), StandardCopyOption.REPLACE_EXISTING);
            } else {
                deleteTree(payaraRoot());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the " + kind + " server", e);
        }
    }

    /** Starts the server and waits until the application is ready. */
    public synchronized void start() {
        launch();
        try {
            awaitAnswer("/readyz", 200, Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    /** Starts the server and waits until the application answers, ready or not. */
    public synchronized void startUnready() {
        launch();
        try {
            awaitAnswer("/healthz", 200, Duration.ofSeconds(180));
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
        TestServer.sleep(1000);
    }

    private void launch() {
        assertPortFree();
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleFile().toFile()));
        builder.environment().putAll(environment());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + kind, e);
        }
    }

    /** Stops the server gracefully (SIGTERM), as an orchestrator would. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the server at once (SIGKILL): nothing gets a chance to flush or clean up. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (isLiberty()) {
            Path wlp = libertyServerDir().getParent().getParent().getParent();
            return List.of(wlp.resolve("bin/server").toString(), "run", libertyServerDir().getFileName().toString());
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-jar",
                System.getProperty("faultline.it.payara.jar"),
                "--nocluster", "--disablephonehome", "--nohazelcast",
                "--port", Integer.toString(port),
                "--rootdir", payaraRoot().toString(),
                "--contextroot", "/",
                "--prebootcommandfile", System.getProperty("faultline.it.payara.preboot")));
        if (extraEnvironment.containsKey("FAULTLINE_DB_HOST")) {
            // PostgreSQL on Payara, as docs/payara/post-boot-postgresql.asadmin says.
            command.addAll(List.of("--postbootcommandfile", System.getProperty("faultline.it.payara.postboot.postgresql"),
                    "--addlibs", System.getProperty("faultline.it.postgresql.jar")));
        }
        command.addAll(List.of("--deploy", war().toString()));
        return command;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("FAULTLINE_LOG_FILE", logFile().toAbsolutePath().toString());
        env.put("FAULTLINE_LOG_SLOW_REQUEST_MS", Long.toString(SLOW_REQUEST_MS));
        env.put("FAULTLINE_HTTP_MAX_BODY_BYTES", Long.toString(64 * 1024));
        env.put("FAULTLINE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("FAULTLINE_INGEST_BURST", Long.toString(INGEST_BURST));
        env.put("FAULTLINE_INGEST_RATE_PER_SECOND", Long.toString(INGEST_RATE));
        env.put("FAULTLINE_WS_QUEUE_CAPACITY", "32");
        env.putAll(WEBHOOK_GUARDS);
        env.put("FAULTLINE_HEALTH_MONITOR_INTERVAL_MS", "1000");
        // Far from UTC, at an odd offset: a time written in one zone and read in another shows.
        env.put("TZ", SERVER_TIME_ZONE);
        env.putAll(extraEnvironment);
        env.values().removeIf(String::isEmpty);
        if (isLiberty()) {
            env.put("HTTP_PORT", Integer.toString(port));
            env.put("HTTPS_PORT", Integer.toString(port + 1000));
            env.put("JAVA_HOME", System.getProperty("java.home"));
        }
        return env;
    }

    private void awaitAnswer(String path, int status, Duration budget) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + budget.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(kind + " exited while starting:\n" + tail(consoleFile(), 60));
            }
            if (deploymentFailed()) {
                throw new IllegalStateException(kind + " could not deploy the WAR:\n" + tail(consoleFile(), 120));
            }
            try {
                HttpResponse<String> reply = client.send(HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(kind + " was not ready within " + budget + ":\n" + tail(consoleFile(), 60));
    }

    private void assertPortFree() {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException busy) {
            throw new IllegalStateException("port " + port + " is in use: is a server from an earlier run still running?");
        }
    }

    /** The servers keep running without the application when it fails to deploy. */
    private boolean deploymentFailed() {
        try {
            String console = Files.readString(consoleFile(), StandardCharsets.ISO_8859_1);
            return console.contains("Exception while deploying the app") || console.contains("Exception while loading the app")
                    || console.contains("CWWKZ0002E")
                    || console.contains("CWWKZ0004E") || console.contains("CWWKZ0012I");
        } catch (IOException e) {
            return false;
        }
    }

    private Path libertyServerDir() {
        Path configured = Path.of(System.getProperty("faultline.it.liberty.server"));
        return configured.resolveSibling("faultline-it-" + name);
    }

    private Path payaraRoot() {
        return target.resolve("payara-root-" + name);
    }

    private Path war() {
        return Path.of(System.getProperty("faultline.it.war"));
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to, String... skipped) throws IOException {
        List<String> skip = List.of(skipped);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.getNameCount() > 0 && skip.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path destination = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
