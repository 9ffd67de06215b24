package io.faultline.it.support;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.ContainerRegistry;
import org.jboss.arquillian.container.spi.ServerKillProcessor;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.event.StopContainer;
import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeStart;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.event.suite.AfterClass;

/**
 * What the servers need before Arquillian starts them: the private PostgreSQL cluster of a
 * postgresql group, each Liberty server's directory, each server's log directory. And the one
 * thing the adapters cannot do: kill a server with SIGKILL, as a crash would.
 */
public final class ServerSetup implements LoadableExtension {

    private static PostgresCluster database;

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Preparer.class);
        builder.service(ServerKillProcessor.class, Killer.class);
    }

    /** The Liberty server a container of this group runs. */
    static String libertyServerName(String container) {
        return "it-" + Server.group() + "-" + container;
    }

    /** The private cluster the servers of a postgresql group use, once started. */
    public static synchronized PostgresCluster database() {
        if (database == null) {
            PostgresCluster cluster = new PostgresCluster(Server.target().resolve("postgresql").resolve(Server.group()),
                    Integer.parseInt(System.getenv("FAULTLINE_DB_PORT")));
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
        }
        return database;
    }

    public static class Preparer {

        @Inject
        private Instance<ContainerRegistry> registry;
        @Inject
        private Event<StopContainer> stop;

        public void prepare(@Observes BeforeStart event) throws IOException {
            Container<?> container = registry.get().getContainers().stream()
                    .filter(c -> c.getDeployableContainer() == event.getDeployableContainer())
                    .findFirst().orElseThrow();
            String name = container.getName();
            Map<String, String> properties = container.getContainerConfiguration().getContainerProperties();
            if (Server.onPostgresql()) {
                database();
            }
            if (!name.equals(OwnServer.CONTAINER)) {
                // Each run starts on an empty server (OwnServer decides for a server of a test's own).
                LibertyServers.deleteTree(Server.logDirectory(name));
                if (properties.containsKey("serverName")) {
                    LibertyServers.remove(properties.get("serverName"));
                }
            }
            Files.createDirectories(Server.logDirectory(name));
            if (properties.containsKey("serverName")) {
                LibertyServers.layOut(properties.get("serverName"), Integer.parseInt(properties.get("httpPort")));
            }
        }

        public void released(@Observes AfterUnDeploy event) {
            releaseConsole(event.getDeployableContainer());
        }

        public void released(@Observes AfterStop event) {
            releaseConsole(event.getDeployableContainer());
        }

        /**
         * A server of a test's own lives as long as its test class: stopped after it, whatever
         * the class left it in. Payara Micro's adapter stops a server only by undeploying it.
         */
        public void stopOwnServer(@Observes AfterClass event) {
            for (Container<?> container : registry.get().getContainers()) {
                if (container.getName().equals(OwnServer.CONTAINER)) {
                    if (!Server.group().startsWith("liberty")) {
                        terminate(OwnServer.CONTAINER);
                        releaseConsole(container.getDeployableContainer());
                    }
                    if (container.getState() == Container.State.STARTED) {
                        stop.fire(new StopContainer(container));
                    }
                }
            }
        }
    }

    /**
     * Waits until a Payara Micro server the adapter started has exited, then closes the pipe the
     * adapter reads its output from. The adapter's reader (ConsoleReader in 3.1) loops on
     * end-of-stream without end, a core's worth of CPU for each server started; closing the pipe
     * ends it. The process is the adapter's own, in a field it does not expose.
     */
    static void releaseConsole(DeployableContainer<?> adapter) {
        try {
            Field field = adapter.getClass().getDeclaredField("payaraMicroProcess");
            field.setAccessible(true);
            Process process = (Process) field.get(adapter);
            if (process != null) {
                process.onExit().get(60, TimeUnit.SECONDS);
                process.getInputStream().close();
            }
        } catch (NoSuchFieldException liberty) {
            // Only Payara Micro's adapter has one.
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the output of Payara Micro", e);
        }
    }

    /** SIGTERM to a container's server, as an orchestrator stops it, and the wait until it exits. */
    static void terminate(String container) {
        for (ProcessHandle process : processes(container)) {
            process.destroy();
            process.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    /** The processes of a container's server, found by what only their command line names. */
    static List<ProcessHandle> processes(String container) {
        String marker = Server.group().startsWith("liberty")
                ? " " + libertyServerName(container)
                : Server.logDirectory(container).toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false)).toList();
    }

    /** SIGKILL to the server's processes, as a crash would: the one thing neither adapter does. */
    public static class Killer implements ServerKillProcessor {

        @Override
        public void kill(Container container) throws Exception {
            for (ProcessHandle process : processes(container.getName())) {
                process.destroyForcibly();
                process.onExit().get(30, TimeUnit.SECONDS);
            }
            releaseConsole(container.getDeployableContainer());
        }
    }
}
