package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

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

    /** The instances that noticed an operational notification (a circuit, readiness), comma-separated. */
    @Column(name = "INSTANCES", length = 500)
    String instances;

    @Column(name = "ACKNOWLEDGED_BY", length = 64)
    String acknowledgedBy;

    @Column(name = "ACKNOWLEDGED_AT")
    Instant acknowledgedAt;

    public Long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String correlationId() {
        return correlationId;
    }

    /** Adds an instance to those that noticed it; false if it was among them, or there is no room left. */
    boolean seenBy(String instance) {
        List<String> seen = instances();
        if (seen.contains(instance) || (instances == null ? 0 : instances.length() + 1) + instance.length() > 500) {
            return false;
        }
        instances = instances == null ? instance : instances + "," + instance;
        return true;
    }

    List<String> instances() {
        return instances == null ? List.of() : List.of(instances.split(","));
    }

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
    public static Severity severityOf(String level) {
        return switch (level) {
            case "fatal" -> Severity.critical;
            case "error" -> Severity.error;
            case "warning" -> Severity.warning;
            default -> Severity.info;
        };
    }

    /** The notification as the API, the live feed and webhooks show it. */
    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", Long.toString(id)).add("kind", kind).add("severity", severity).add("title", title)
                .add("createdAt", createdAt.toString()).add("acknowledged", acknowledged());
        if (projectId != null) {
            json.add("projectId", Long.toString(projectId));
        }
        if (groupId != null) {
            json.add("groupId", Long.toString(groupId));
        }
        if (correlationId != null) {
            json.add("correlationId", correlationId);
        }
        if (instances != null) {
            json.add("instances", JSON.createArrayBuilder(instances()));
        }
        if (acknowledgedBy != null) {
            json.add("acknowledgedBy", acknowledgedBy).add("acknowledgedAt", acknowledgedAt.toString());
        }
        return json.build();
    }
}
