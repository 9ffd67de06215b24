package io.faultline.health;

import io.faultline.cluster.ClusterLocks;
import io.faultline.problem.ErrorCode;
import io.faultline.tracking.EventIdIndex;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether the application has started: the schema exists and the error catalog is loaded. The
 * schema is prepared in the background right after deployment and again until it succeeds, so
 * a database that is late at startup delays readiness instead of failing the deployment.
 */
@ApplicationScoped
public class ApplicationState {

    static final String NAME = "application";
    private static final Logger LOG = Logger.getLogger(ApplicationState.class.getName());
    private static final long RETRY_SECONDS = 2;
    private static final String SCHEMA_LOCK = "schema";

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Event<SchemaReady> schemaReadyEvent;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    TimedChecks checks;

    private final AtomicBoolean announced = new AtomicBoolean();
    private volatile boolean schemaReady;
    private volatile String lastFailure;

    void prepareAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        scheduler.execute(this::prepareSchema);
    }

    private void prepareSchema() {
        try {
            createSchemaAlone();
            if (announced.compareAndSet(false, true)) {
                // Once: what observers start (scheduled jobs, the admin bootstrap) retries on its own.
                try {
                    schemaReadyEvent.fire(new SchemaReady());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Something to do once the schema is ready failed", e);
                }
            }
            schemaReady = true;
            lastFailure = null;
            LOG.info("Schema ready");
        } catch (RuntimeException e) {
            lastFailure = "schema not ready yet";
            LOG.log(Level.WARNING, "Schema not ready, retrying in " + RETRY_SECONDS + " s", e);
            scheduler.schedule(this::prepareSchema, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Creates what the schema lacks, one instance at a time: instances starting together on an
     * empty database would otherwise create the same tables at once, and all but one fail.
     */
    private void createSchemaAlone() {
        try (Connection lock = dataSource.getConnection()) {
            ClusterLocks.hold(lock, SCHEMA_LOCK);
            try {
                em.getMetamodel();
                makeCommitsDurable();
                ensureIndexes();
            } finally {
                ClusterLocks.release(lock, SCHEMA_LOCK);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the schema lock", e);
        }
    }

    /** Indexes the persistence provider does not add to a table an earlier build created. */
    private void ensureIndexes() {
        try (Connection connection = dataSource.getConnection()) {
            EventIdIndex.ensure(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the event id index", e);
        }
    }

    /**
     * An embedded H2 acknowledges a commit up to half a second before it reaches the disk
     * (WRITE_DELAY); a 202 must mean the event survives a crash, so the delay is turned off.
     * The setting is kept in the database file.
     */
    private void makeCommitsDurable() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.getMetaData().getDatabaseProductName().toUpperCase(Locale.ROOT).contains("H2")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET WRITE_DELAY 0");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make commits durable", e);
        }
    }

    public boolean isUp() {
        return schemaReady && ErrorCode.inconsistencies().isEmpty();
    }

    /**
     * The check's response, the same for the startup and the readiness probe: the schema was
     * prepared, and the error catalog every problem is built from is consistent. Timed, like
     * every check, by {@link TimedChecks}.
     */
    HealthCheckResponse response() {
        return checks.response(NAME, () -> {
            if (!schemaReady) {
                throw new CheckFailed(lastFailure == null ? "schema not prepared yet" : lastFailure);
            }
            List<String> catalog = ErrorCode.inconsistencies();
            if (!catalog.isEmpty()) {
                throw new CheckFailed("error catalog: " + catalog.get(0));
            }
            return Map.of("schema", true, "errorCodes", ErrorCode.values().length);
        });
    }
}
