package io.faultline.cluster;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Which instance runs a scheduled job until when: one row per job. */
@Entity
@Table(name = "JOB_LEASE")
public class JobLease {

    @Id
    @Column(length = 64)
    String job;

    @Column(name = "LEASE_OWNER", nullable = false, length = 80)
    String owner;

    @Column(name = "LEASE_UNTIL", nullable = false)
    Instant until;

    protected JobLease() {
    }

    JobLease(String job, String owner, Instant until) {
        this.job = job;
        this.owner = owner;
        this.until = until;
    }
}
