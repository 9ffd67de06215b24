package io.faultline.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** An operator account: a name, a role, and only a hash of the password. */
@Entity
@Table(name = "OPERATOR")
public class Operator {

    @Id
    @Column(length = 64)
    String username;

    @Column(name = "PASSWORD_HASH", nullable = false, length = 200)
    String passwordHash;

    @Column(nullable = false, length = 20)
    String role;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Version
    long version;

    protected Operator() {
    }

    Operator(String username, String passwordHash, String role) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = Instant.now();
    }

    public String username() {
        return username;
    }

    public String role() {
        return role;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
