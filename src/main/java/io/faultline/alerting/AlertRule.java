package io.faultline.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * Notify when a project receives {@code threshold} events at or above a level (of one code, if
 * given) within a sliding window. {@code firingSince} holds the crossing, so that the rule
 * notifies once per crossing and again only after the count fell below the threshold.
 */
@Entity
@Table(name = "ALERT_RULE")
public class AlertRule {

    /** Levels from least to most severe. */
    static final List<String> LEVELS = List.of("info", "warning", "error", "fatal");

    @Id
    @SequenceGenerator(name = "alert_rule_seq", sequenceName = "ALERT_RULE_SEQ", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_rule_seq")
    Long id;

    @Column(name = "PROJECT_ID", nullable = false)
    Long projectId;

    @Column(name = "MIN_LEVEL", nullable = false, length = 10)
    String minLevel;

    @Column(nullable = false)
    int threshold;

    @Column(name = "WINDOW_SECONDS", nullable = false)
    int windowSeconds;

    @Column(length = 200)
    String code;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "FIRING_SINCE")
    Instant firingSince;

    protected AlertRule() {
    }

    AlertRule(long projectId, String minLevel, int threshold, int windowSeconds, String code) {
        this.projectId = projectId;
        this.minLevel = minLevel;
        this.threshold = threshold;
        this.windowSeconds = windowSeconds;
        this.code = code;
        this.createdAt = Instant.now();
    }

    List<String> levels() {
        return LEVELS.subList(LEVELS.indexOf(minLevel), LEVELS.size());
    }

    boolean matches(long eventProject, String level, String eventCode) {
        return projectId == eventProject && levels().contains(level) && (code == null || code.equals(eventCode));
    }
}
