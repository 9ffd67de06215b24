package io.faultline.http;

import io.faultline.problem.InvalidParameter;
import io.faultline.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks every number and boolean among the matched method's query, path and header
 * parameters before the runtime converts them, and answers 400 INVALID_PARAMETER naming each
 * bad one. A failed conversion by the runtime itself names none (it is a 404 wrapping the
 * failure on every implementation), and a boolean would quietly read {@code abc} as false.
 * Runs after authorization, so that a caller without access learns nothing about parameters.
 */
@Provider
@Priority(Priorities.USER)
public class ParameterTypesFilter implements ContainerRequestFilter {

    private static final Map<Method, List<Typed>> TYPED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    private enum Kind {
        WHOLE_NUMBER("must be a whole number", value -> parses(value, Long::parseLong)),
        INT("must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE,
                value -> parses(value, Integer::parseInt)),
        BOOLEAN("must be true or false", value -> value.equals("true") || value.equals("false"));

        final String requirement;
        final Predicate<String> accepts;

        Kind(String requirement, Predicate<String> accepts) {
            this.requirement = requirement;
            this.accepts = accepts;
        }

        private static boolean parses(String value, Function<String, ?> parser) {
            try {
                parser.apply(value);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        static Kind of(Class<?> type) {
            if (type == int.class || type == Integer.class) {
                return INT;
            }
            if (type == long.class || type == Long.class) {
                return WHOLE_NUMBER;
            }
            return type == boolean.class || type == Boolean.class ? BOOLEAN : null;
        }
    }

    private enum Source { QUERY, PATH, HEADER }

    private record Typed(Source source, String name, Kind kind) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        List<Typed> typed = TYPED.computeIfAbsent(method, ParameterTypesFilter::typedParameters);
        List<Problem.Violation> invalid = new ArrayList<>(0);
        for (Typed parameter : typed) {
            String value = switch (parameter.source()) {
                case QUERY -> request.getUriInfo().getQueryParameters().getFirst(parameter.name());
                case PATH -> request.getUriInfo().getPathParameters().getFirst(parameter.name());
                case HEADER -> request.getHeaderString(parameter.name());
            };
            if (value != null && !parameter.kind().accepts.test(value)) {
                invalid.add(Problem.Violation.atParameter(parameter.name(), parameter.kind().requirement));
            }
        }
        if (!invalid.isEmpty()) {
            throw new InvalidParameter(invalid);
        }
    }

    private static List<Typed> typedParameters(Method method) {
        List<Typed> typed = new ArrayList<>(0);
        for (Parameter parameter : method.getParameters()) {
            Kind kind = Kind.of(parameter.getType());
            if (kind == null) {
                continue;
            }
            for (Annotation annotation : parameter.getAnnotations()) {
                if (annotation instanceof QueryParam query) {
                    typed.add(new Typed(Source.QUERY, query.value(), kind));
                } else if (annotation instanceof PathParam path) {
                    typed.add(new Typed(Source.PATH, path.value(), kind));
                } else if (annotation instanceof HeaderParam header) {
                    typed.add(new Typed(Source.HEADER, header.value(), kind));
                }
            }
        }
        return List.copyOf(typed);
    }
}
