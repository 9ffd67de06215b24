package io.faultline.alerting;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/alert-rules}. */
public class NewAlertRule {

    @NotNull
    @Size(min = 1, max = 64)
    public String project;

    @NotNull
    @Pattern(regexp = "fatal|error|warning|info")
    public String minLevel;

    @NotNull
    @Min(1)
    @Max(1_000_000)
    public Integer threshold;

    @NotNull
    @Min(1)
    @Max(86_400)
    public Integer windowSeconds;

    @Size(min = 1, max = 200)
    public String code;
}
