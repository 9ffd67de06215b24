package io.faultline.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * Events of one project with one fingerprint, with exact counters and a triage status. The
 * counters move in the database ({@link EventRows}).
 */
@Entity
@Table(name = "ERROR_GROUP",
        uniqueConstraints = @UniqueConstraint(name = "UQ_GROUP_FINGERPRINT", columnNames = {"PROJECT_ID", "FINGERPRINT"}),
        indexes = {
            @Index(name = "IX_GROUP_LAST_SEEN", columnList = "PROJECT_ID, LAST_SEEN"),
            // The list across every project, newest first: the console's first page.
            @Index(name = "IX_GROUP_SEEN", columnList = "LAST_SEEN, ID")})
public class ErrorGroup {

    public enum Status { unresolved, acknowledged, resolved, ignored }

    @Id
    @SequenceGenerator(name = "group_seq", sequenceName = "ERROR_GROUP_SEQ", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "group_seq")
    Long id;

    @Column(name = "PROJECT_ID", nullable = false)
    Long projectId;

    @Column(nullable = false, length = 64)
    String fingerprint;

    @Column(nullable = false, length = 500)
    String title;

    @Column(nullable = false, length = 10)
    String level;

    @Column(nullable = false, length = 20)
    String status = Status.unresolved.name();

    @Column(name = "RESOLVED_IN_RELEASE", length = 200)
    String resolvedInRelease;

    @Column(name = "EVENT_COUNT", nullable = false)
    long eventCount;

    @Column(name = "FIRST_SEEN", nullable = false)
    Instant firstSeen;

    @Column(name = "LAST_SEEN", nullable = false)
    Instant lastSeen;

    @Version
    long version;

    protected ErrorGroup() {
    }

    ErrorGroup(Long projectId, String fingerprint, String title, String level, Instant seen) {
        this.projectId = projectId;
        this.fingerprint = fingerprint;
        this.title = title;
        this.level = level;
        this.firstSeen = seen;
        this.lastSeen = seen;
    }

    public Long id() {
        return id;
    }
}
