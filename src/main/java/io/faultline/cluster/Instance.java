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
 * This instance among those that share the database. Its {@link #id()} names it to operators, in
 * notifications: {@code faultline.instance.id}, or else the host's name (a Kubernetes pod's
 * name). Its {@link #life()} is the id and a random suffix, new at every start: the owner of what
 * it leases and the sender of what it announces, so that a restarted instance never takes over
 * what its previous life had claimed, nor two instances given the same id each other's.
 */
@ApplicationScoped
public class Instance implements ValidatedConfig {

    static final String PROPERTY = "faultline.instance.id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,57}");

    @Inject
    @ConfigProperty(name = PROPERTY)
    Optional<String> configured;

    private String id;
    private String life;

    @PostConstruct
    @Override
    public void validate() {
        if (configured.isPresent() && !VALID.matcher(configured.get()).matches()) {
            throw new IllegalStateException(PROPERTY + " must be 1 to 57 letters, digits, dots, dashes or underscores");
        }
        if (id == null) {
            id = configured.orElseGet(Instance::hostName);
            byte[] suffix = new byte[3];
            new SecureRandom().nextBytes(suffix);
            life = id + "-" + HexFormat.of().formatHex(suffix);
        }
    }

    /** The name operators know this instance by. */
    public String id() {
        return id;
    }

    /** This start of this instance: the owner of its leases and the sender of its announcements. */
    public String life() {
        return life;
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return host.isEmpty() ? "faultline" : host.length() > 57 ? host.substring(0, 57) : host;
        } catch (UnknownHostException e) {
            return "faultline";
        }
    }
}
