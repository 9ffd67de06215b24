package io.faultline.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sessions: a random token of 256 bits in the operator's cookie, its hash in the
 * database. A session ends at sign-out, when it expires ({@code faultline.session.max-age-minutes}),
 * and when its operator is deleted or given a new password or role.
 */
@ApplicationScoped
@Transactional
public class OperatorSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "faultline")
    EntityManager em;

    @Inject
    Operators operators;

    @Inject
    SecurityConfig config;

    /** A new session for the operator; the token goes to the operator's cookie, nowhere else. */
    public String open(String username) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        em.createQuery("DELETE FROM OperatorSession s WHERE s.expiresAt < :now").setParameter("now", now).executeUpdate();
        em.persist(new OperatorSession(hash(token), username, now, now.plus(config.sessionMaxAge())));
        return token;
    }

    /** The operator a live session belongs to, with their groups; empty for an unknown, ended or expired one. */
    public Optional<CredentialValidationResult> find(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        OperatorSession session = em.find(OperatorSession.class, hash(token));
        if (session == null || session.expiresAt.isBefore(Instant.now())) {
            return Optional.empty();
        }
        return operators.find(session.username).map(o -> OperatorIdentityStore.result(o.username(), o.role()));
    }

    public void close(String token) {
        if (token != null) {
            OperatorSession session = em.find(OperatorSession.class, hash(token));
            if (session != null) {
                em.remove(session);
            }
        }
    }

    /** An operator deleted or changed signs in again: their sessions end in the same transaction. */
    void end(@Observes OperatorChanged changed) {
        em.createQuery("DELETE FROM OperatorSession s WHERE s.username = :username")
                .setParameter("username", changed.username()).executeUpdate();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
