package io.faultline.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Named locks that every instance on the database respects: PostgreSQL's advisory locks, keyed by
 * a hash of the name. On the embedded H2 database there is one instance, and they cost nothing.
 */
@ApplicationScoped
public class ClusterLocks {

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    ClusterBus bus;

    /** Holds the lock until the caller's transaction ends; another instance holding it is waited for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdUntilCommit(String name) {
        if (bus.shared()) {
            em.createNativeQuery("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(?1)) AS held")
                    .setParameter(1, key(name)).getSingleResult();
        }
    }

    /**
     * Holds the lock on a connection outside any transaction until the connection is closed or
     * {@link #release} is called, for work that spans transactions (creating the schema).
     */
    public static void hold(Connection connection, String name) throws SQLException {
        if (isPostgresql(connection)) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, key(name));
                lock.execute();
            }
        }
    }

    public static void release(Connection connection, String name) throws SQLException {
        if (isPostgresql(connection)) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key(name));
                unlock.execute();
            }
        }
    }

    private static boolean isPostgresql(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
    }

    /** The lock's key: the first 64 bits of a digest of the name, the same on every instance. */
    static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("faultline:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
