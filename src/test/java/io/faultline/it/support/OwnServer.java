package io.faultline.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;

/**
 * A server of a test's own: the manual container {@value #CONTAINER} of the group, started with
 * the test's settings on top of the suite's, as MicroProfile Config system properties (the
 * suite's environment variables hold the rest). The admin password is the suite's unless the
 * test gives it empty: then the server has none and generates one.
 * Liberty's adapter passes them to the server JVM as {@code javaVmArguments}, Payara Micro's as
 * {@code cmdOptions}.
 */
public final class OwnServer {

    public static final String CONTAINER = "another";
    /** The deployment of every own-server class (OwnServerTest): the WAR, unmanaged, on {@value #CONTAINER}. */
    public static final String DEPLOYMENT = "own";
    /** The WAR once more, for Payara Micro, whose adapter starts a server only to deploy to it. */
    public static final String AGAIN = "own-again";
    /** The port each group's {@value #CONTAINER} listens on, as arquillian.xml says. */
    private static final Map<String, Integer> PORTS = Map.of("liberty", 19085, "payara", 19185,
            "liberty-postgresql", 19285, "payara-postgresql", 19385);

    /** What each server logs when an application fails to start. */
    private static final List<String> NOT_STARTED = List.of("CWWKZ0012I", "CWWKZ0002E",
            "Exception while loading the app", "Exception while deploying the app");

    private static final String ADMIN_PASSWORD = "faultline.admin.password";

    private final ContainerController controller;
    private final Deployer deployer;
    private final Server server;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private String deployed;

    OwnServer(ContainerController controller, Deployer deployer) {
        this.controller = controller;
        this.deployer = deployer;
        this.server = Server.at(CONTAINER, URI.create("http://127.0.0.1:" + PORTS.get(Server.group())));
    }

    public Server server() {
        return server;
    }

    /** A first start with these settings: no data and no logs from an earlier server. */
    public Server start(Map<String, String> settings) {
        this.settings.clear();
        this.settings.putAll(settings);
        wipe();
        return launch(DEPLOYMENT);
    }

    /**
     * Starts it again after {@link #kill()} or {@link #stop()}, on what the earlier server left,
     * with the same settings. Liberty starts the application it has, as a restarted server does;
     * Payara Micro's adapter starts a server by deploying to it.
     */
    public Server restart() {
        if (server.isLiberty()) {
            controller.start(CONTAINER, configuration());
            awaitStarted();
            return server;
        }
        return launch(AGAIN);
    }

    /** What a server said and did when its application failed to deploy. */
    public record Refusal(String log, boolean answered) {
    }

    /**
     * Starts a server whose application must fail to deploy: what the server logged by the time
     * the deployment was refused, and whether the application answered while the server still ran.
     */
    public Refusal startExpectingFailure(Map<String, String> settings) {
        this.settings.clear();
        this.settings.putAll(settings);
        wipe();
        Map<String, String> configuration = new LinkedHashMap<>(configuration());
        if (server.isLiberty()) {
            // Liberty's adapter waits this long for an application that will not start.
            configuration.put("appDeployTimeout", "15");
        }
        controller.start(CONTAINER, configuration);
        try {
            try {
                deployer.deploy(DEPLOYMENT);
                // Payara Micro's adapter takes a server that lists the application as deployed.
                deployed = DEPLOYMENT;
            } catch (Exception refused) {
                // Liberty's adapter passes the refusal on: a DeploymentException, checked as it is.
            }
            Await.until(Duration.ofSeconds(120), Duration.ofMillis(200),
                    () -> NOT_STARTED.stream().anyMatch(server.consoleText()::contains),
                    () -> "the server did not say the application failed:\n" + server.consoleText());
            return new Refusal(server.consoleText(), new Http(server).answers("/api/error-codes"));
        } finally {
            stop();
        }
    }

    /** SIGKILL: nothing gets a chance to flush or clean up. */
    public void kill() {
        controller.kill(CONTAINER);
    }

    /** Stops it gracefully (SIGTERM on Payara Micro, {@code server stop} on Liberty), as an orchestrator would. */
    public void stop() {
        if (!server.isLiberty()) {
            // Payara Micro's adapter stops the server by undeploying: the JVM gets SIGTERM. One
            // whose application failed to deploy is not the adapter's any more: it gets it here.
            if (deployed != null) {
                deployer.undeploy(deployed);
            }
            ServerSetup.terminate(CONTAINER);
        }
        deployed = null;
        if (controller.isStarted(CONTAINER)) {
            controller.stop(CONTAINER);
        }
    }

    private Server launch(String deployment) {
        controller.start(CONTAINER, configuration());
        if (!server.isLiberty()) {
            // A server stopped a moment ago may hold the port still; Payara Micro would take the next one.
            Await.until(Duration.ofSeconds(60), Duration.ofMillis(200), this::portFree,
                    () -> "port " + server.port() + " is still in use");
        }
        deployer.deploy(deployment);
        deployed = deployment;
        awaitStarted();
        return server;
    }

    /** Until the application's startup probe says UP: ready or not (some tests start it unready). */
    private void awaitStarted() {
        Http http = new Http(server);
        Await.until(Duration.ofSeconds(90), Duration.ofMillis(100), () -> http.answers("/health/started"),
                () -> server.uri("/health/started") + " did not answer 200");
    }

    private Map<String, String> configuration() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(ADMIN_PASSWORD, Settings.ADMIN_PASSWORD);
        all.putAll(settings);
        String properties = all.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> "-D" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        String log = "-Dfaultline.log.file=" + server.logFile().toAbsolutePath();
        return server.isLiberty()
                ? Map.of("javaVmArguments", (log + " " + properties).trim())
                : Map.of("cmdOptions", ("-Xmx1g -XX:TieredStopAtLevel=1 " + log + " " + properties).trim());
    }

    private boolean portFree() {
        try (ServerSocket probe = new ServerSocket(server.port(), 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    private void wipe() {
        try {
            LibertyServers.deleteTree(Server.logDirectory(CONTAINER));
            Files.createDirectories(Server.logDirectory(CONTAINER));
            if (server.isLiberty()) {
                LibertyServers.remove(ServerSetup.libertyServerName(CONTAINER));
            } else {
                LibertyServers.deleteTree(Server.target().resolve("payara-root").resolve(Server.group() + "-" + CONTAINER));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot clear the server of an earlier test", e);
        }
    }
}
