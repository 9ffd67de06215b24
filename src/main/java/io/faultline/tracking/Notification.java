package io.faultline.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** Something an operator should know: a new group, a regression, an alert, a circuit or readiness change. */
@Entity
@Table(name = "NOTIFICATION", indexes = @Index(name = "IX_NOTIFICATION_CREATED", columnList = "CREATED_AT"))
public class Notification {

    public enum Kind { new_group, regression, alert, circuit, readiness }

    public enum Severity { info, warning, error, critical }

    @Id
    @SequenceGenerator(name = "notification_seq", sequenceName = "NOTIFICATION_SEQ", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_seq")
    Long id;

    @Column(nullable = false, length = 20)
    String kind;

    @Column(nullable = false, length = 10)
    String severity;

    @Column(nullable = false, length = 500)
    String title;

    @Column(name = "PROJECT_ID")
    Long projectId;

    @Column(name = "GROUP_ID")
    Long groupId;

    @Column(name = "CORRELATION_ID", length = 128)
    String correlationId;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "ACKNOWLEDGED_BY", length = 64)
    String acknowledgedBy;

    @Column(name = "ACKNOWLEDGED_AT")
    Instant acknowledgedAt;

    boolean acknowledged() {
        return acknowledgedAt != null;
    }

    protected Notification() {
    }

    public Notification(Kind kind, Severity severity, String title, Long projectId, Long groupId, String correlationId) {
        this.kind = kind.name();
        this.severity = severity.name();
        this.title = title.length() > 500 ? title.substring(0, 500) : title;
        this.projectId = projectId;
        this.groupId = groupId;
        this.correlationId = correlationId;
        this.createdAt = Instant.now();
    }

    /** The severity a group's level deserves. */
    static Severity severityOf(String level) {
        return switch (level) {
            case "fatal" -> Severity.critical;
            case "error" -> Severity.error;
            case "warning" -> Severity.warning;
            default -> Severity.info;
        };
    }
}
