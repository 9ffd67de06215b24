package io.faultline.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/users}. */
public class NewUser {

    @NotNull
    @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "must be 3 to 64 letters, digits, '.', '_' or '-'")
    public String username;

    @NotNull
    @Size(min = SecurityConfig.MIN_PASSWORD_LENGTH, max = 256)
    public String password;

    @NotNull
    @Pattern(regexp = "ops-viewer|ops-admin", message = "must be ops-viewer or ops-admin")
    public String role;
}
