package io.faultline.security;

import io.faultline.cluster.ClusterMessage;
import io.faultline.cluster.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks operators' passwords against their stored hashes. A hash costs tens of milliseconds
 * by design, so a successful check is remembered for a minute under a digest of the
 * credentials (never the password itself); a changed or deleted operator is forgotten as soon
 * as the change commits, here or, as soon as its announcement arrives, on another instance.
 */
@ApplicationScoped
public class OperatorIdentityStore implements IdentityStore {

    private static final long REMEMBER_NANOS = 60_000_000_000L;
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(String role, long until) {
    }

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Inject
    Operators operators;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String username = credential.getCaller();
        String digest = digest(username, credential.getPasswordAsString());
        Remembered known = remembered.get(digest);
        if (known != null && known.until() > System.nanoTime()) {
            return result(username, known.role());
        }
        long seen = generation.get();
        Operator operator = operators.find(username).orElse(null);
        if (operator == null || !PasswordHash.matches(credential.getPassword().getValue(), operator.passwordHash)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(digest, new Remembered(operator.role, System.nanoTime() + REMEMBER_NANOS));
        if (generation.get() != seen) {
            // A change committed while this check read the operator: what it read may be stale.
            remembered.remove(digest);
        }
        return result(username, operator.role);
    }

    /**
     * Forgets every remembered check once a change of an operator has committed: forgotten any
     * earlier, a request in between would read the old row again and remember it for a minute.
     */
    void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) OperatorChanged changed) {
        forget();
    }

    /** Another instance changed an operator (or the listener reconnected: any may have changed). */
    void forget(@Observes ClusterMessage.Changed changed) {
        if (changed.topic() == Topic.operators) {
            forget();
        }
    }

    private void forget() {
        generation.incrementAndGet();
        remembered.clear();
    }

    static CredentialValidationResult result(String username, String role) {
        Set<String> groups = Roles.ADMIN.equals(role) ? Set.of(Roles.ADMIN, Roles.VIEWER) : Set.of(Roles.VIEWER);
        return new CredentialValidationResult(username, groups);
    }

    private static String digest(String username, String password) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((username + '\u0000' + password).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
