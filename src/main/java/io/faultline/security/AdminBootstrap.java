package io.faultline.security;

import io.faultline.health.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * Makes sure an admin can sign in: with {@code faultline.admin.password} when it is set (and
 * kept in step with it), otherwise with a password generated at the first start and logged
 * that once, for the operator to change.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    SecurityConfig config;

    @Inject
    Operators operators;

    void onSchemaReady(@Observes SchemaReady ready) {
        String username = config.adminUsername();
        if (config.adminPassword().isPresent()) {
            operators.upsert(username, config.adminPassword().get().toCharArray(), Roles.ADMIN);
        } else if (!operators.anyAdmin()) {
            String generated = generatePassword();
            operators.create(username, generated.toCharArray(), Roles.ADMIN);
            LOG.warning("Created the admin account '" + username + "' with the generated password " + generated
                    + " . It is shown this once: set " + SecurityConfig.ADMIN_PASSWORD + " or change it.");
        }
    }

    private static String generatePassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
