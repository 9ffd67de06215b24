package io.faultline.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for the tests: created with initdb under target/, on its own
 * loopback port, with password authentication, started and stopped by the harness so that an
 * outage test can stop it without touching any other database. Runs as the {@code postgres}
 * user when the tests run as root, because PostgreSQL refuses to run as root.
 */
public final class PostgresCluster {

    /** As the pom gives them to the servers of a postgresql group. */
    public static final String USER = System.getenv().getOrDefault("FAULTLINE_DB_USER", "faultline");
    public static final String PASSWORD = System.getenv().getOrDefault("FAULTLINE_DB_PASSWORD", "it-db-password-7");
    public static final String DATABASE = System.getenv().getOrDefault("FAULTLINE_DB_NAME", "faultline");

    private final Path dir;
    private final int port;
    private final Path bin;

    public PostgresCluster(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.bin = binaries();
    }

    /** Where Debian's package put the server binaries (the newest version), or null. */
    public static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    public int port() {
        return port;
    }

    /** The environment that points a Liberty server at this cluster. */
    public Map<String, String> serverEnvironment() {
        return Map.of("FAULTLINE_DATASOURCE", "datasource-postgresql.xml",
                "FAULTLINE_DB_HOST", "127.0.0.1", "FAULTLINE_DB_PORT", Integer.toString(port),
                "FAULTLINE_DB_NAME", DATABASE, "FAULTLINE_DB_USER", USER, "FAULTLINE_DB_PASSWORD", PASSWORD,
                "FAULTLINE_DB_SSL_MODE", "disable");
    }

    /** Creates an empty cluster and database (anything left from an earlier run is removed first). */
    public void create() throws IOException, InterruptedException {
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql)");
        }
        stopQuietly();
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.getParent());
        Path passwordFile = dir.getParent().resolve(dir.getFileName() + ".pw");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (asRoot()) {
            run(List.of("chown", "postgres", dir.getParent().toString()), false);
            run(List.of("chown", "postgres", passwordFile.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"), true);
        start();
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
                DATABASE), true);
    }

    public void start() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l", dir.getParent().resolve(dir.getFileName() + ".log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=on",
                "start"), true);
    }

    /** Stops the server at once, as a crash would: connections are cut, nothing is shut down cleanly. */
    public void stopAbruptly() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "immediate", "-w", "stop"), true);
    }

    /**
     * Freezes every process of the cluster (SIGSTOP): connections stay open and nothing
     * answers, as with a database host that hangs. {@link #thaw()} resumes them.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        String postmaster = Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim();
        List<String> pids = new ArrayList<>(List.of(postmaster));
        Process children = new ProcessBuilder("pgrep", "-P", postmaster).start();
        pids.addAll(new String(children.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(String::trim).filter(l -> !l.isEmpty()).toList());
        children.waitFor();
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        run(command, false);
    }

    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "fast", "-w", "stop"), true);
    }

    private void stopQuietly() {
        if (Files.exists(dir.resolve("postmaster.pid"))) {
            try {
                stopAbruptly();
            } catch (IOException | InterruptedException | IllegalStateException e) {
                // Nothing was running.
            }
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
