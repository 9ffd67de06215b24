package io.faultline.it.support;

import java.net.URI;
import java.net.URL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A deployed Faultline as the tests reach it: on loopback at the port Arquillian reports (Payara
 * Micro names the machine's interface address; the tests talk to 127.0.0.1 only), with the logs
 * the server writes under {@code target/it-logs/<group>/<container>}.
 */
public final class Server {

    /** The container every test class deploys to unless it needs a server of its own. */
    public static final String MAIN = "main";

    private final String container;
    private final URI base;

    private Server(String container, URI base) {
        this.container = container;
        this.base = base;
    }

    /** The main server, at the URL Arquillian gave the test. */
    public static Server at(URL deployed) {
        return at(MAIN, deployed);
    }

    public static Server at(String container, URL deployed) {
        return at(container, URI.create("http://127.0.0.1:" + deployed.getPort()));
    }

    static Server at(String container, URI base) {
        return new Server(container, base);
    }

    /** The arquillian.xml group this test JVM runs: liberty, payara, liberty-postgresql or payara-postgresql. */
    public static String group() {
        return System.getProperty("arquillian.launch", "liberty");
    }

    public static boolean onPostgresql() {
        return group().endsWith("-postgresql");
    }

    public static Path target() {
        return Path.of(System.getProperty("faultline.it.target", "target"));
    }

    /** Where a container's logs go, as arquillian.xml configures it. */
    public static Path logDirectory(String container) {
        return target().resolve("it-logs").resolve(group()).resolve(container);
    }

    public String kind() {
        return group().startsWith("liberty") ? "liberty" : "payara";
    }

    public boolean isLiberty() {
        return kind().equals("liberty");
    }

    public String container() {
        return container;
    }

    public URI base() {
        return base;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public int port() {
        return base.getPort();
    }

    /** Faultline's JSON log, written by the WAR itself through {@code faultline.log.file}. */
    public Path logFile() {
        return logDirectory(container).resolve("faultline.log");
    }

    /**
     * What the server itself logged: Liberty's messages.log, Payara Micro's --logtofile (which
     * numbers its files: server.log.0, and .1 for a server that starts while another still
     * holds the first).
     */
    public List<Path> consoleFiles() {
        if (isLiberty()) {
            return List.of(LibertyServers.directory(ServerSetup.libertyServerName(container)).resolve("logs/messages.log"));
        }
        try (Stream<Path> files = Files.list(logDirectory(container))) {
            return files.filter(f -> f.getFileName().toString().startsWith("server.log")
                    && !f.getFileName().toString().endsWith(".lck")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Everything the server itself logged, in one text. */
    public String consoleText() {
        StringBuilder text = new StringBuilder();
        for (Path file : consoleFiles()) {
            try {
                text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                text.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
            }
        }
        return text.toString();
    }
}
