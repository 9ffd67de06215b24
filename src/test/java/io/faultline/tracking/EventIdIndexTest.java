package io.faultline.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** On the embedded database Faultline runs on: a table from an earlier build gets the index, once. */
class EventIdIndexTest {

    private static Connection database(String name) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ERROR_EVENT (ID BIGINT PRIMARY KEY, PROJECT_ID BIGINT NOT NULL, EVENT_ID VARCHAR(32))");
        }
        return connection;
    }

    @Test
    void aTableFromAnEarlierBuildGetsTheIndexOnce() throws SQLException {
        try (Connection connection = database("upgraded")) {
            assertFalse(EventIdIndex.exists(connection));
            EventIdIndex.ensure(connection);
            assertTrue(EventIdIndex.exists(connection));
            EventIdIndex.ensure(connection);
            assertEquals(1, indexesOnEventId(connection));
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO ERROR_EVENT VALUES (1, 7, 'a'), (2, 7, NULL), (3, 7, NULL), (4, 8, 'a')");
                assertThrows(SQLException.class, () -> statement.execute("INSERT INTO ERROR_EVENT VALUES (5, 7, 'a')"));
            }
        }
    }

    @Test
    void aTableCreatedWithTheConstraintGetsNoSecondIndex() throws SQLException {
        try (Connection connection = database("fresh"); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE ERROR_EVENT ADD CONSTRAINT " + EventIdIndex.NAME + " UNIQUE (EVENT_ID, PROJECT_ID)");
            EventIdIndex.ensure(connection);
            assertEquals(1, indexesOnEventId(connection));
        }
    }

    private static int indexesOnEventId(Connection connection) throws SQLException {
        int count = 0;
        try (ResultSet index = connection.getMetaData().getIndexInfo(null, null, "ERROR_EVENT", true, false)) {
            while (index.next()) {
                if (index.getShort("ORDINAL_POSITION") == 1 && "EVENT_ID".equals(index.getString("COLUMN_NAME"))) {
                    count++;
                }
            }
        }
        return count;
    }
}
