package io.faultline.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings every route shares, checked when the application starts. */
@ApplicationScoped
public class HttpConfig implements ValidatedConfig {

    static final String MAX_BODY_BYTES = "faultline.http.max-body-bytes";
    static final String TRUST_FORWARDED = "faultline.http.trust-forwarded";

    @Inject
    @ConfigProperty(name = MAX_BODY_BYTES, defaultValue = "1048576")
    String maxBodyBytesValue;

    @Inject
    @ConfigProperty(name = TRUST_FORWARDED, defaultValue = "false")
    String trustForwardedValue;

    private long maxBodyBytes;
    private boolean trustForwarded;

    @PostConstruct
    @Override
    public void validate() {
        maxBodyBytes = ConfigValues.parseLong(MAX_BODY_BYTES, maxBodyBytesValue, 1024, 64L * 1024 * 1024);
        trustForwarded = ConfigValues.parseBoolean(TRUST_FORWARDED, trustForwardedValue);
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Whether X-Forwarded-For names the client: only behind a proxy that sets it. */
    public boolean trustForwarded() {
        return trustForwarded;
    }
}
