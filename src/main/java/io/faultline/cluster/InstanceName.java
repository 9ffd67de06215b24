package io.faultline.cluster;

import io.faultline.lifecycle.ValidatedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's name among those that share the database: {@code faultline.instance.name}, or
 * else the host's name (a Kubernetes pod's name) and a random suffix, new at every start, so that
 * a restarted instance never takes over what its previous life had claimed.
 */
@ApplicationScoped
public class InstanceName implements ValidatedConfig {

    static final String PROPERTY = "faultline.instance.name";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    @ConfigProperty(name = PROPERTY)
    Optional<String> configured;

    private String name;

    @PostConstruct
    @Override
    public void validate() {
        if (configured.isPresent() && !VALID.matcher(configured.get()).matches()) {
            throw new IllegalStateException(PROPERTY + " must be 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (name == null) {
            name = configured.orElseGet(InstanceName::generated);
        }
    }

    public String get() {
        return name;
    }

    private static String generated() {
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            host = "faultline";
        }
        return (host.length() > 57 ? host.substring(0, 57) : host) + "-" + HexFormat.of().formatHex(suffix);
    }
}
