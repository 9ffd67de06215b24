package io.faultline.cluster;

import io.faultline.correlation.RequestContext;
import io.faultline.health.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears what the other instances announce ({@link ClusterBus}): {@code LISTEN} on one connection
 * of the non-transactional datasource {@value #DATASOURCE}, unwrapped to the driver's
 * {@link PGConnection}, on a thread of its own. What it hears is fired as CDI events on that
 * thread; its own announcements it skips. A lost connection is replaced, and then every topic
 * counts as changed and {@link ListenerReconnected} tells feed clients that what came in between
 * was missed.
 */
@ApplicationScoped
public class ClusterListener {

    static final String DATASOURCE = "jdbc/faultline-listen";
    private static final Logger LOG = Logger.getLogger(ClusterListener.class.getName());
    /** How long one wait for notifications lasts: also how soon a stop is noticed. */
    private static final int WAIT_MS = 250;
    /** A connection that died without a word is found by a query this often. */
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long RETRY_MS = 1000;

    @Resource
    ManagedThreadFactory threads;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource defaultDataSource;

    @Inject
    ClusterBus bus;

    @Inject
    Instance instance;

    @Inject
    Event<ClusterMessage.Committed> committed;

    @Inject
    Event<ClusterMessage.Changed> changed;

    @Inject
    Event<ListenerReconnected> reconnected;

    private volatile boolean running = true;
    private volatile boolean listening;
    private Thread thread;
    private Instant lostAt;

    synchronized void start(@Observes SchemaReady ready) {
        if (thread != null || !bus.shared()) {
            return;
        }
        thread = threads.newThread(this::listen);
        thread.setName("faultline-cluster-listener");
        thread.start();
    }

    /** Whether announcements of other instances reach this one now. */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        DataSource dataSource = dataSource();
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                // LISTEN takes effect at commit: at once, then.
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ClusterBus.CHANNEL);
                }
                listening = true;
                if (!first) {
                    LOG.info("Listening to the other instances again");
                    Instant since = lostAt;
                    // What others changed meanwhile is unknown: every topic counts as changed.
                    for (Topic topic : Topic.values()) {
                        deliver(() -> changed.fire(new ClusterMessage.Changed(instance.life(), topic)));
                    }
                    deliver(() -> reconnected.fire(new ListenerReconnected(since)));
                }
                first = false;
                hear(connection, postgres);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    if (listening) {
                        lostAt = Instant.now();
                        LOG.log(Level.WARNING, "Lost the connection that hears the other instances; reconnecting", e);
                    }
                    listening = false;
                    pause();
                }
            }
        }
        listening = false;
    }

    private void hear(Connection connection, PGConnection postgres) throws SQLException {
        long checked = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(WAIT_MS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    ClusterMessage.parse(notification.getParameter())
                            .filter(message -> !message.sender().equals(instance.life()))
                            .ifPresent(this::dispatch);
                }
            }
            if (System.nanoTime() - checked > CHECK_NANOS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                checked = System.nanoTime();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        }
    }

    private void dispatch(ClusterMessage message) {
        deliver(() -> {
            if (message instanceof ClusterMessage.Committed commit) {
                committed.fire(commit);
            } else if (message instanceof ClusterMessage.Changed change) {
                changed.fire(change);
            }
        });
    }

    /** An observer's failure is its own: the listener goes on. */
    private void deliver(Runnable fire) {
        try (RequestContext.Scope ignored = RequestContext.background("cluster").bind()) {
            fire.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not act on what another instance announced", e);
        }
    }

    private DataSource dataSource() {
        try {
            return InitialContext.doLookup(DATASOURCE);
        } catch (NamingException e) {
            LOG.warning("No datasource " + DATASOURCE + " is configured; listening on a connection of the default one");
            return defaultDataSource;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
    }
}
