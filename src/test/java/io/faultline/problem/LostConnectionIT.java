package io.faultline.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.it.support.Deployments;
import io.faultline.it.support.Selected;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection of the server's pool that the database ends, as a restart or a cut network
 * would, classified inside the server over its pool's and driver's exception chain. Runs on the
 * PostgreSQL groups only (the pom includes it there): the embedded H2 has no connection to
 * lose, and aborting one of its sessions closes Payara's default database for every other.
 */
@ExtendWith({Selected.class, ArquillianExtension.class})
class LostConnectionIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.inContainer();
    }

    @Test
    void aConnectionTheDatabaseEndedIsDatabaseUnavailable() throws Exception {
        DataSource database = InitialContext.doLookup("java:comp/DefaultDataSource");
        try (Connection victim = database.getConnection(); Connection killer = database.getConnection()) {
            int backend;
            try (Statement id = victim.createStatement(); ResultSet row = id.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                backend = row.getInt(1);
            }
            try (PreparedStatement kill = killer.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, backend);
                try (ResultSet done = kill.executeQuery()) {
                    done.next();
                    assertEquals(true, done.getBoolean(1), "the session was not ended");
                }
            }
            SQLException failure = assertThrows(SQLException.class, () -> {
                try (Statement after = victim.createStatement()) {
                    after.executeQuery("SELECT 1").close();
                }
            });
            assertEquals(ErrorCode.DATABASE_UNAVAILABLE, ProblemClassifier.classify(failure).code(),
                    () -> ProblemClassifier.causes(failure).toString());
        }
    }
}
