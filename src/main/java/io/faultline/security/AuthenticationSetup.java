package io.faultline.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/** Operators authenticate with HTTP Basic against {@link OperatorIdentityStore}. */
@BasicAuthenticationMechanismDefinition(realmName = AuthenticationSetup.REALM)
@DeclareRoles({Roles.VIEWER, Roles.ADMIN})
@ApplicationScoped
public class AuthenticationSetup {

    public static final String REALM = "faultline";
}
