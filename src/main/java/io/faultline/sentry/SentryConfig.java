package io.faultline.sentry;

import io.faultline.lifecycle.ValidatedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where Sentry SDKs reach Faultline, and which browser origins may send to it. */
@ApplicationScoped
public class SentryConfig implements ValidatedConfig {

    static final String PUBLIC_URL = "faultline.public-url";
    static final String ALLOWED_ORIGINS = "faultline.ingest.allowed-origins";

    @Inject
    @ConfigProperty(name = PUBLIC_URL)
    Optional<String> publicUrlValue;

    @Inject
    @ConfigProperty(name = ALLOWED_ORIGINS, defaultValue = "*")
    String allowedOriginsValue;

    private URI publicUrl;
    private List<String> allowedOrigins;

    @PostConstruct
    @Override
    public void validate() {
        publicUrl = publicUrlValue.filter(v -> !v.isBlank()).map(SentryConfig::parseUrl).orElse(null);
        allowedOrigins = Arrays.stream(allowedOriginsValue.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
    }

    private static URI parseUrl(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PUBLIC_URL + " must be an http or https URL such as https://faultline.example.com");
        }
    }

    /** The URL clients reach Faultline at, behind a proxy; empty to take it from the request. */
    public Optional<URI> publicUrl() {
        return Optional.ofNullable(publicUrl);
    }

    /** The Origin to allow in a CORS answer to this one, or empty when it is not allowed. */
    Optional<String> allowOrigin(String origin) {
        if (allowedOrigins.contains("*")) {
            return Optional.of("*");
        }
        return origin != null && allowedOrigins.contains(origin) ? Optional.of(origin) : Optional.empty();
    }
}
