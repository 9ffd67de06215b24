package io.faultline.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One accepted event, scrubbed, as the client sent it. Stored by {@link EventRows}, read through
 * this mapping; never changed.
 */
@Entity
@Table(name = "ERROR_EVENT", indexes = {
    @Index(name = "IX_EVENT_GROUP", columnList = "GROUP_ID, RECEIVED_AT, ID"),
    @Index(name = "IX_EVENT_RECEIVED", columnList = "RECEIVED_AT"),
    @Index(name = "IX_EVENT_PROJECT_RECEIVED", columnList = "PROJECT_ID, RECEIVED_AT")},
    // A client's retry of an event the project already has is answered, not stored again. The
    // event id leads: intake looks ids up with IN, which H2 answers from an index only on its first column.
    uniqueConstraints = @UniqueConstraint(name = "UQ_EVENT_EVENT_ID_PROJECT", columnNames = {"EVENT_ID", "PROJECT_ID"}))
public class ErrorEvent {

    /** How many ids one value of the sequence stands for. */
    static final int ID_BLOCK = 500;

    @Id
    @SequenceGenerator(name = "event_seq", sequenceName = "ERROR_EVENT_SEQ", allocationSize = ID_BLOCK)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_seq")
    Long id;

    @Column(name = "PROJECT_ID", nullable = false)
    Long projectId;

    @Column(name = "GROUP_ID", nullable = false)
    Long groupId;

    @Column(name = "RECEIVED_AT", nullable = false)
    Instant receivedAt;

    @Column(nullable = false, length = 10)
    String level;

    @Column(nullable = false, length = 1000)
    String message;

    @Column(name = "RELEASE_NAME", length = 200)
    String release;

    @Column(length = 100)
    String environment;

    @Column(name = "CORRELATION_ID", length = 128)
    String correlationId;

    /** The client's own id of the event (32 lower-case hex digits), or null. */
    @Column(name = "EVENT_ID", length = 32)
    String eventId;

    /** The exception type, or null for a message-only event. */
    @Column(length = 200)
    String code;

    /** The platform that reported the event. */
    @Column(length = 100)
    String category;

    /** Minutes since the epoch when it was received, for per-minute counts in any database. */
    @Column(name = "RECEIVED_MINUTE", nullable = false)
    long receivedMinute;

    @Column(name = "FILTERED_VALUES", nullable = false)
    int filteredValues;

    @Lob
    @Column(nullable = false)
    String payload;

    protected ErrorEvent() {
    }

    public Long id() {
        return id;
    }

    public Long groupId() {
        return groupId;
    }
}
