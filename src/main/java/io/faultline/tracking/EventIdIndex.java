package io.faultline.tracking;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The unique index on (event id, project) that intake's lookup of earlier copies needs. The
 * persistence provider creates it with a new table, but its create-or-extend mode adds only
 * columns to a table an earlier build created: there the index is created here, once.
 */
public final class EventIdIndex {

    static final String NAME = "UQ_EVENT_EVENT_ID_PROJECT";
    private static final String TABLE = "ERROR_EVENT";

    private EventIdIndex() {
    }

    /** Creates the index unless a unique index already leads with the event id. */
    public static void ensure(Connection connection) throws SQLException {
        if (!exists(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE UNIQUE INDEX " + NAME + " ON " + TABLE + " (EVENT_ID, PROJECT_ID)");
            }
        }
    }

    static boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        // PostgreSQL keeps unquoted names in lower case, H2 in upper case.
        String table = metadata.storesLowerCaseIdentifiers() ? TABLE.toLowerCase(Locale.ROOT) : TABLE;
        Map<String, String> firstColumns = new HashMap<>();
        try (ResultSet index = metadata.getIndexInfo(null, null, table, true, false)) {
            while (index.next()) {
                if (index.getShort("ORDINAL_POSITION") == 1 && index.getString("INDEX_NAME") != null) {
                    firstColumns.put(index.getString("INDEX_NAME"), index.getString("COLUMN_NAME"));
                }
            }
        }
        return firstColumns.values().stream().anyMatch(column -> "EVENT_ID".equalsIgnoreCase(column));
    }
}
