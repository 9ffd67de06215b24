package io.faultline.security;

/** The two operator roles; an admin holds both. */
public final class Roles {

    public static final String VIEWER = "ops-viewer";
    public static final String ADMIN = "ops-admin";

    private Roles() {
    }
}
