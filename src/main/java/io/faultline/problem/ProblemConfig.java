package io.faultline.problem;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import io.faultline.lifecycle.ConfigValues;
import io.faultline.lifecycle.ValidatedConfig;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of the problem responses, checked when the application starts. */
@ApplicationScoped
public class ProblemConfig implements ValidatedConfig {

    static final String BASE_URI = "faultline.problems.base-uri";
    static final String RETRY_AFTER = "faultline.problems.retry-after-seconds";

    @Inject
    @ConfigProperty(name = BASE_URI, defaultValue = "/problems")
    String baseUri;

    @Inject
    @ConfigProperty(name = RETRY_AFTER, defaultValue = "5")
    String retryAfterValue;

    private long retryAfterSeconds;

    @PostConstruct
    @Override
    public void validate() {
        try {
            URI.create(baseUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(BASE_URI + " must be a URI reference, was '" + baseUri + "'");
        }
        retryAfterSeconds = ConfigValues.parseLong(RETRY_AFTER, retryAfterValue, 1, 3600);
        baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
    }

    /** The problem type URI of a code: {@code <base>/<kebab-code>}. */
    public String typeOf(ErrorCode code) {
        return baseUri + "/" + code.kebab();
    }

    /** The wait to advertise on a 503 whose own wait is unknown. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
