package io.faultline.cluster;

import io.faultline.health.SchemaReady;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Announces to the other instances on the database what this one committed or changed, with
 * PostgreSQL's {@code pg_notify} in the caller's transaction: delivered at its commit, never on
 * rollback. On the embedded H2 database there is one instance and nobody to tell.
 */
@ApplicationScoped
public class ClusterBus {

    /** The channel every instance listens on. */
    static final String CHANNEL = "faultline";

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    Instance instance;

    private volatile Boolean shared;

    /** The intake committed these events and notifications. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void committed(List<Long> events, List<Long> notifications) {
        if (shared() && !(events.isEmpty() && notifications.isEmpty())) {
            ClusterMessage.committed(instance.life(), events, notifications).forEach(this::send);
        }
    }

    /** What other instances remember of the topic is out of date once the caller's transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Topic topic) {
        if (shared()) {
            send(new ClusterMessage.Changed(instance.life(), topic));
        }
    }

    /** Tells the database apart first, outside any transaction, before the startup work that announces changes. */
    void detect(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) SchemaReady ready) {
        shared();
    }

    /** Whether other instances may share the database: it is PostgreSQL. */
    public boolean shared() {
        Boolean known = shared;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database this is", e);
            }
            shared = known;
        }
        return known;
    }

    private void send(ClusterMessage message) {
        em.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, message.payload())
                .getSingleResult();
    }
}
