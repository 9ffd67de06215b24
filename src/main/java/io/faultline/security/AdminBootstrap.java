package io.faultline.security;

import io.faultline.cluster.ClusterLocks;
import io.faultline.health.SchemaReady;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes sure an admin can sign in: with {@code faultline.admin.password} when it is set (and
 * kept in step with it), otherwise with a password generated at the first start and logged
 * that once, for the operator to change. Instances starting together on an empty database take
 * turns under a cluster lock: one creates the admin and logs its password, the others find it.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
    private static final long RETRY_SECONDS = 2;
    private static final String LOCK = "admin-bootstrap";

    @Inject
    SecurityConfig config;

    @Inject
    Operators operators;

    @Inject
    ClusterLocks locks;

    @Inject
    AdminBootstrap self;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void onSchemaReady(@Observes SchemaReady ready) {
        bootstrap();
    }

    /** Tried again on its own until it succeeds: a database that fails now must not leave no admin. */
    private void bootstrap() {
        try {
            self.ensureAdmin().ifPresent(generated -> LOG.warning("Created the admin account '" + config.adminUsername()
                    + "' with the generated password " + generated + " . It is shown this once: set "
                    + SecurityConfig.ADMIN_PASSWORD + " or change it."));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not make sure an admin exists; trying again in " + RETRY_SECONDS + " s", e);
            scheduler.schedule(this::bootstrap, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The password generated for a new admin, to be shown once the admin is committed; none if there was one. */
    @Transactional
    public Optional<String> ensureAdmin() {
        locks.holdUntilCommit(LOCK);
        String username = config.adminUsername();
        if (config.adminPassword().isPresent()) {
            operators.upsert(username, config.adminPassword().get().toCharArray(), Roles.ADMIN);
        } else if (!operators.anyAdmin()) {
            String generated = generatePassword();
            operators.create(username, generated.toCharArray(), Roles.ADMIN);
            return Optional.of(generated);
        }
        return Optional.empty();
    }

    private static String generatePassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
