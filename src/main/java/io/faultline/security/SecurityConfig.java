package io.faultline.security;

import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The admin account's and sessions' settings, checked when the application starts. */
@ApplicationScoped
public class SecurityConfig implements ValidatedConfig {

    static final String ADMIN_USERNAME = "faultline.admin.username";
    static final String ADMIN_PASSWORD = "faultline.admin.password";
    static final String SESSION_MAX_AGE = "faultline.session.max-age-minutes";
    static final int MIN_PASSWORD_LENGTH = 12;

    @Inject
    @ConfigProperty(name = ADMIN_USERNAME, defaultValue = "admin")
    String adminUsername;

    @Inject
    @ConfigProperty(name = ADMIN_PASSWORD)
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = SESSION_MAX_AGE, defaultValue = "720")
    String sessionMaxAgeValue;

    private Duration sessionMaxAge;

    @PostConstruct
    @Override
    public void validate() {
        if (!UsersResource.USERNAME.matcher(adminUsername).matches()) {
            throw new IllegalStateException(ADMIN_USERNAME + " must be 3 to 64 letters, digits, '.', '_' or '-'");
        }
        if (adminPassword.isPresent() && adminPassword.get().length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException(ADMIN_PASSWORD + " must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        sessionMaxAge = Duration.ofMinutes(ConfigValues.parseLong(SESSION_MAX_AGE, sessionMaxAgeValue, 1, 60L * 24 * 30));
    }

    /** How long a console session lasts after sign-in. */
    public Duration sessionMaxAge() {
        return sessionMaxAge;
    }

    public String adminUsername() {
        return adminUsername;
    }

    /** The configured admin password; empty when the server must generate one. */
    public Optional<String> adminPassword() {
        return adminPassword.filter(p -> !p.isEmpty());
    }
}
