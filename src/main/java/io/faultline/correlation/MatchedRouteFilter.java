package io.faultline.correlation;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Records the matched route template ({@code /api/errors/groups/{id}}) of each request, so logs
 * and metrics name routes by template, never by raw path. Runs first after matching.
 */
@Provider
@Priority(100)
public class MatchedRouteFilter implements ContainerRequestFilter {

    private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");
    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        RequestContext context = RequestContext.current();
        Method method = resource.getResourceMethod();
        if (context != null && method != null) {
            context.route(TEMPLATES.computeIfAbsent(method, m -> template(resource.getResourceClass(), m)));
        }
    }

    static String template(Class<?> type, Method method) {
        StringBuilder route = new StringBuilder();
        Path classPath = findPath(type);
        if (classPath != null) {
            route.append('/').append(classPath.value());
        }
        Path methodPath = method.getAnnotation(Path.class);
        if (methodPath != null) {
            route.append('/').append(methodPath.value());
        }
        String normalized = PARAMETER_REGEX.matcher(route).replaceAll("{$1}").replaceAll("/{2,}", "/");
        if (normalized.length() > 1 && normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized.isEmpty() ? "/" : normalized;
    }

    private static Path findPath(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Path path = c.getAnnotation(Path.class);
            if (path != null) {
                return path;
            }
        }
        return null;
    }
}
