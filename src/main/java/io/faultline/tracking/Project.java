package io.faultline.tracking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A project that reports errors: a unique slug, a name, and only the hash of its ingest key. */
@Entity
@Table(name = "PROJECT")
public class Project {

    @Id
    @SequenceGenerator(name = "project_seq", sequenceName = "PROJECT_SEQ", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "project_seq")
    Long id;

    @Column(nullable = false, unique = true, length = 64)
    String slug;

    @Column(nullable = false, length = 200)
    String name;

    @Column(name = "KEY_HASH", nullable = false, unique = true, length = 64)
    String keyHash;

    @Column(name = "KEY_PREFIX", nullable = false, length = 12)
    String keyPrefix;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    protected Project() {
    }

    Project(String slug, String name, IngestKey key) {
        this.slug = slug;
        this.name = name;
        this.keyHash = key.hash();
        this.keyPrefix = key.prefix();
        this.createdAt = Instant.now();
    }

    public Long id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
