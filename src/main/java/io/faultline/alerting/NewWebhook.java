package io.faultline.alerting;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/webhooks}. */
public class NewWebhook {

    @NotNull
    @Size(max = 2000)
    @Pattern(regexp = "https?://[^\\s/?#@]+(/[^\\s]*)?", message = "must be an absolute http or https URL")
    public String url;

    @NotNull
    @Pattern(regexp = "whsec_[A-Za-z0-9+/]{32,88}={0,2}", message = "must be whsec_ and the base64 of a 24 to 64 byte key")
    public String secret;

    @NotEmpty
    @Size(max = 5)
    public List<@NotNull @Pattern(regexp = "new_group|regression|alert|circuit|readiness",
            message = "must be one of new_group, regression, alert, circuit, readiness") String> events;
}
