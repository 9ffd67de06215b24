package io.faultline.tracking;

import io.faultline.storage.InstantConverter;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The hot half of group commit, in plain JDBC batches on the transaction's connection: inserting
 * the events and moving their groups' counters. Going through the persistence context here
 * cost more than the database itself (a change set, a clone and a cache merge per event), and
 * events are never changed once stored. The rows are the {@link ErrorEvent} mapping's; ids come
 * from its sequence in blocks, as the persistence provider takes them, so ids given by either
 * never meet.
 */
@ApplicationScoped
public class EventRows {

    private static final String INSERT = "INSERT INTO ERROR_EVENT (ID, PROJECT_ID, GROUP_ID, RECEIVED_AT, LEVEL, MESSAGE,"
            + " RELEASE_NAME, ENVIRONMENT, CORRELATION_ID, CODE, CATEGORY, RECEIVED_MINUTE, FILTERED_VALUES, PAYLOAD,"
            + " EVENT_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Counted in the database, so concurrent writers (other servers on the same database) stay exact. */
    private static final String COUNT = "UPDATE ERROR_GROUP SET EVENT_COUNT = EVENT_COUNT + ?,"
            + " LAST_SEEN = CASE WHEN LAST_SEEN < ? THEN ? ELSE LAST_SEEN END WHERE ID = ?";

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    private long nextId;
    private long lastId;

    /** Inserts the events, giving each its id, and adds them to their groups' counts. Joins the caller's transaction. */
    public void insert(List<ErrorEvent> events) {
        // Closing the handle returns it to the transaction: the connection stays enlisted until commit.
        try (Connection connection = dataSource.getConnection()) {
            for (ErrorEvent event : events) {
                event.id = nextId(connection);
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (ErrorEvent event : events) {
                    bind(insert, event);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement count = connection.prepareStatement(COUNT)) {
                // In id order: two servers counting the same groups lock them in the same order.
                for (Map.Entry<Long, Counted> group : counted(events).entrySet()) {
                    LocalDateTime seen = InstantConverter.utc(group.getValue().lastSeen);
                    count.setLong(1, group.getValue().count);
                    count.setObject(2, seen);
                    count.setObject(3, seen);
                    count.setLong(4, group.getKey());
                    count.addBatch();
                }
                count.executeBatch();
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not store " + events.size() + " event(s)", e);
        }
    }

    private static void bind(PreparedStatement insert, ErrorEvent event) throws SQLException {
        insert.setLong(1, event.id);
        insert.setLong(2, event.projectId);
        insert.setLong(3, event.groupId);
        insert.setObject(4, InstantConverter.utc(event.receivedAt));
        insert.setString(5, event.level);
        insert.setString(6, event.message);
        text(insert, 7, event.release);
        text(insert, 8, event.environment);
        text(insert, 9, event.correlationId);
        text(insert, 10, event.code);
        text(insert, 11, event.category);
        insert.setLong(12, event.receivedMinute);
        insert.setInt(13, event.filteredValues);
        insert.setString(14, event.payload);
        text(insert, 15, event.eventId);
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static Map<Long, Counted> counted(List<ErrorEvent> events) {
        Map<Long, Counted> groups = new TreeMap<>();
        for (ErrorEvent event : events) {
            Counted group = groups.computeIfAbsent(event.groupId, id -> new Counted());
            group.count++;
            if (group.lastSeen == null || event.receivedAt.isAfter(group.lastSeen)) {
                group.lastSeen = event.receivedAt;
            }
        }
        return groups;
    }

    /**
     * The next id of the events' sequence. A sequence value {@code v} stands for the block
     * {@code v - ErrorEvent.ID_BLOCK + 1 .. v}, as the persistence provider reads it.
     */
    private synchronized long nextId(Connection connection) throws SQLException {
        if (nextId == 0 || nextId > lastId) {
            String sql = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                    ? "SELECT nextval('ERROR_EVENT_SEQ')"
                    : "SELECT NEXT VALUE FOR ERROR_EVENT_SEQ";
            try (PreparedStatement next = connection.prepareStatement(sql); ResultSet row = next.executeQuery()) {
                row.next();
                lastId = row.getLong(1);
                nextId = lastId - ErrorEvent.ID_BLOCK + 1;
            }
        }
        return nextId++;
    }

    private static final class Counted {
        long count;
        Instant lastSeen;
    }
}
