package io.faultline.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Several Faultline instances on one private PostgreSQL cluster behind Debian's haproxy, as an
 * operator runs them: two Open Liberty servers laid out as {@code liberty:create} made the
 * server, with the WAR in {@code apps/}, and one Payara Micro, all started at once on an empty
 * database with no admin password configured. haproxy balances round-robin, checks
 * {@code /health/ready} every second and tunnels WebSockets.
 */
public final class Cluster implements AutoCloseable {

    /** One instance: what it is, its id, where it answers and where it logs. */
    public record Member(String id, boolean liberty, Server server, Path logs) {

        public Http http() {
            return new Http(server);
        }

        /** The JSON lines Faultline wrote to the instance's standard output so far: each record once. */
        public List<String> jsonLog() {
            try {
                return Files.readAllLines(logs.resolve("console.log"), StandardCharsets.ISO_8859_1).stream()
                        .filter(line -> line.startsWith("{\"timestamp\"")).toList();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the log of " + id, e);
            }
        }

        /** Everything the instance logged so far, all files together. */
        public String logText() {
            StringBuilder text = new StringBuilder();
            try (Stream<Path> files = Files.walk(logs)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    text.append(Files.readString(file, StandardCharsets.ISO_8859_1)).append('\n');
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the logs of " + id, e);
            }
            return text.toString();
        }
    }

    public static final String GROUP = "cluster";
    private static final int DATABASE_PORT = 20480;
    private static final int BALANCER_PORT = 19500;

    private final PostgresCluster database;
    private final List<Member> members = new ArrayList<>();
    private final Map<String, Process> payaras = new LinkedHashMap<>();
    private final Server balanced = Server.at("balancer", URI.create("http://127.0.0.1:" + BALANCER_PORT));
    private Process haproxy;

    private final Map<String, String> settings;

    private Cluster(Map<String, String> settings) {
        this.settings = settings;
        database = new PostgresCluster(root().resolve("postgresql"), DATABASE_PORT);
    }

    /**
     * Whether this machine has what the cluster needs. On CI it must: {@code .ci/run} installs
     * both, and a cluster test that skipped there would prove nothing.
     */
    static boolean canRun() {
        boolean installed = PostgresCluster.binaries() != null && Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "haproxy")));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must install postgresql and haproxy (.ci/run)");
        }
        return installed;
    }

    /** Starts the database, then every instance at once, then the balancer; waits until all are ready. */
    public static Cluster start(Map<String, String> settings) throws Exception {
        return start(List.of("liberty-1", "liberty-2"), List.of("payara-1"), settings);
    }

    /** The same with these instances, each given these settings (environment variables) too. */
    public static Cluster start(List<String> liberty, List<String> payara, Map<String, String> settings) throws Exception {
        Cluster cluster = new Cluster(settings);
        try {
            cluster.launch(liberty, payara);
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public PostgresCluster database() {
        return database;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** haproxy's address: what operators and SDKs are given. */
    public Server balanced() {
        return balanced;
    }

    private void launch(List<String> liberty, List<String> payara) throws Exception {
        LibertyServers.deleteTree(root());
        Files.createDirectories(root());
        database.create();
        for (int i = 0; i < liberty.size(); i++) {
            startLiberty(liberty.get(i), 19580 + i);
        }
        for (int i = 0; i < payara.size(); i++) {
            startPayara(payara.get(i), 19590 + i);
        }
        for (Member member : members) {
            Http http = member.http();
            Await.until(Duration.ofSeconds(240), Duration.ofMillis(250), () -> http.answers("/health/ready"),
                    () -> member.id() + " did not get ready:\n" + member.logText());
        }
        startBalancer();
    }

    private void startLiberty(String id, int port) throws IOException {
        String name = "cluster-" + id;
        LibertyServers.remove(name);
        Path server = LibertyServers.directory(name);
        LibertyServers.copyConfigured(server, List.of("workarea", "logs", "dropins"));
        Files.createDirectories(server.resolve("apps"));
        Files.copy(Server.target().resolve("faultline.war"), server.resolve("apps/faultline.war"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(server.resolve("bootstrap.properties"), "\nhttp.port=" + port + "\nhttps.port=" + (port + 1000) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
        ProcessBuilder builder = new ProcessBuilder(Server.target().resolve("liberty/wlp/bin/server").toString(), "start", name)
                .redirectErrorStream(true).redirectOutput(root().resolve(id + "-start.txt").toFile());
        configure(builder, id);
        builder.start();
        members.add(new Member(id, true, Server.at(id, URI.create("http://127.0.0.1:" + port)), server.resolve("logs")));
    }

    private void startPayara(String id, int port) throws IOException {
        Path logs = root().resolve(id).resolve("logs");
        Files.createDirectories(logs);
        Path project = Server.target().getParent();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Dfaultline.instance.id=" + id,
                "-jar", Server.target().resolve("payara/payara-micro.jar").toString(),
                "--deploy", Server.target().resolve("faultline.war").toString(), "--contextroot", "/",
                "--port", Integer.toString(port), "--nocluster", "--nohazelcast", "--disablephonehome",
                "--rootdir", root().resolve(id).resolve("root").toString(),
                "--prebootcommandfile", project.resolve("docs/payara/pre-boot-commands.asadmin").toString(),
                "--postbootcommandfile", project.resolve("docs/payara/post-boot-postgresql.asadmin").toString(),
                "--addlibs", LibertyServers.directory("faultline").resolve("lib/global/postgresql.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("console.log").toFile());
        configure(builder, id);
        payaras.put(id, builder.start());
        members.add(new Member(id, false, Server.at(id, URI.create("http://127.0.0.1:" + port)), logs));
    }

    /** The database, the instance's id, and no admin password: the first start generates one. */
    private Map<String, String> environment(String id) {
        Map<String, String> environment = new LinkedHashMap<>(database.serverEnvironment());
        environment.put("FAULTLINE_INSTANCE_ID", id);
        // Above a send's longest (a 5 s timeout, tried twice), and short enough for a test to wait out.
        environment.put("FAULTLINE_WEBHOOK_LEASE_SECONDS", "12");
        return environment;
    }

    /** The environment of an instance's process: the test JVM's, the cluster's, and no admin password unless given. */
    private void configure(ProcessBuilder builder, String id) {
        builder.environment().putAll(environment(id));
        builder.environment().remove("FAULTLINE_ADMIN_PASSWORD");
        builder.environment().putAll(settings);
    }

    private void startBalancer() throws Exception {
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 4000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                frontend faultline
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /health/ready
                    http-check expect status 200
                    default-server inter 1s fall 2 rise 1
                """.formatted(BALANCER_PORT));
        for (Member member : members) {
            config.append("    server ").append(member.id()).append(" 127.0.0.1:").append(member.server().port()).append(" check\n");
        }
        Path file = root().resolve("haproxy.cfg");
        Files.writeString(file, config.toString(), StandardCharsets.UTF_8);
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(root().resolve("haproxy.log").toFile()).start();
        Http http = new Http(balanced);
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> http.answers("/health/ready"),
                () -> "haproxy did not answer on " + BALANCER_PORT);
    }

    /** What a query prints through psql, one row a line, columns separated by '|'. */
    public String query(String sql) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PostgresCluster.binaries().resolve("psql").toString(), "-h", "127.0.0.1",
                "-p", Integer.toString(DATABASE_PORT), "-U", PostgresCluster.USER, "-d", PostgresCluster.DATABASE, "-tA", "-c", sql)
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PostgresCluster.PASSWORD);
        Process psql = builder.start();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!psql.waitFor(30, TimeUnit.SECONDS) || psql.exitValue() != 0) {
            throw new IllegalStateException(sql + " failed: " + output);
        }
        return output;
    }

    /** SIGKILL to an instance's processes, as a crash would. */
    public void kill(Member member) throws Exception {
        for (ProcessHandle process : processesOf(member)) {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private List<ProcessHandle> processesOf(Member member) {
        String marker = member.liberty() ? " cluster-" + member.id() : "-Dfaultline.instance.id=" + member.id();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false)).toList();
    }

    /** Where everything of the cluster lives: its database, logs and balancer's configuration. */
    static Path root() {
        return Server.target().resolve("cluster");
    }

    @Override
    public void close() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
        }
        for (Member member : members) {
            for (ProcessHandle process : processesOf(member)) {
                process.destroy();
            }
        }
        for (Member member : members) {
            for (ProcessHandle process : processesOf(member)) {
                process.onExit().get(60, TimeUnit.SECONDS);
            }
        }
        try {
            database.stop();
        } catch (Exception alreadyStopped) {
            // Stopped by a test, or never started.
        }
    }
}
