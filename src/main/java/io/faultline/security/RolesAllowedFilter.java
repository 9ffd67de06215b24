package io.faultline.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import io.faultline.problem.ChallengedProblem;
import io.faultline.problem.ErrorCode;
import java.lang.reflect.Method;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on resources the
 * same way on every server (the JAX-RS specification leaves it to the implementation): no
 * caller is 401 with a challenge ({@link Challenges}), a caller without the role is 403.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RolesAllowedFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            throw new ForbiddenException();
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null) {
            return;
        }
        var security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            String authorization = request.getHeaderString("Authorization");
            String challenge = Challenges.of(request::getHeaderString);
            throw authorization == null || authorization.isBlank()
                    ? new ChallengedProblem(ErrorCode.UNAUTHENTICATED, "The request carries no credentials", challenge)
                    : new ChallengedProblem(ErrorCode.AUTHENTICATION_FAILED, "The credentials are not valid", challenge);
        }
        for (String role : allowed.value()) {
            if (security.isUserInRole(role)) {
                return;
            }
        }
        throw new ForbiddenException();
    }
}
