package io.faultline.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signed-in console session: the SHA-256 of its token (the token itself is only ever in the
 * operator's cookie), whose it is, and until when. In the database, so that it holds on every
 * instance and across restarts, and ends everywhere at sign-out.
 */
@Entity
@Table(name = "OPERATOR_SESSION", indexes = @Index(name = "IX_SESSION_OPERATOR", columnList = "USERNAME"))
public class OperatorSession {

    @Id
    @Column(name = "TOKEN_HASH", length = 64)
    String tokenHash;

    @Column(name = "USERNAME", nullable = false, length = 64)
    String username;

    @Column(name = "CREATED_AT", nullable = false)
    Instant createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    Instant expiresAt;

    protected OperatorSession() {
    }

    OperatorSession(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.username = username;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }
}
