package io.faultline.alerting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A receiver of notifications. The signing secret is kept as given, because signing needs it,
 * and is never shown again. A receiver that answers 410 Gone is disabled.
 */
@Entity
@Table(name = "WEBHOOK")
public class Webhook {

    @Id
    @SequenceGenerator(name = "webhook_seq", sequenceName = "WEBHOOK_SEQ", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "webhook_seq")
    Long id;

    @Column(nullable = false, length = 2000)
    String url;

    @Column(nullable = false, length = 200)
    String secret;

    /** Notification kinds, comma-separated. */
    @Column(nullable = false, length = 200)
    String events;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "DISABLED_AT")
    Instant disabledAt;

    @Column(name = "DISABLED_REASON", length = 200)
    String disabledReason;

    protected Webhook() {
    }

    Webhook(String url, String secret, List<String> events) {
        this.url = url;
        this.secret = secret;
        this.events = String.join(",", events);
        this.createdAt = Instant.now();
    }

    List<String> events() {
        return Arrays.asList(events.split(","));
    }

    boolean enabled() {
        return disabledAt == null;
    }

    boolean wants(String kind) {
        return enabled() && events().contains(kind);
    }
}
