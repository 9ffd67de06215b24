package io.faultline.tracking;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/projects}. */
public class NewProject {

    @NotNull
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}", message = "must be 2 to 64 lower-case letters, digits or '-'")
    public String slug;

    @NotBlank
    @Size(max = 200)
    public String name;
}
