package io.faultline.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The roles operators have. They authenticate through {@link OperatorAuthenticationMechanism}
 * (HTTP Basic or the console's session) against {@link OperatorIdentityStore}.
 */
@DeclareRoles({Roles.VIEWER, Roles.ADMIN})
@ApplicationScoped
public class AuthenticationSetup {

    public static final String REALM = "faultline";
}
