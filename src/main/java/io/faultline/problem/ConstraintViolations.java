package io.faultline.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation failures as problems: a violation inside the request body becomes a JSON
 * pointer (422 VALIDATION_ERROR); one on a query, path, header, cookie or form parameter names
 * the parameter (400 INVALID_PARAMETER). A violated return value is our bug (500).
 */
final class ConstraintViolations {

    private ConstraintViolations() {
    }

    static Classified classify(ConstraintViolationException failure) {
        List<Problem.Violation> body = new ArrayList<>();
        List<Problem.Violation> parameters = new ArrayList<>();
        boolean returnValue = false;
        for (ConstraintViolation<?> violation : failure.getConstraintViolations()) {
            Located located = locate(violation);
            if (located.returnValue) {
                returnValue = true;
            } else if (located.parameter != null) {
                parameters.add(Problem.Violation.atParameter(located.parameter, violation.getMessage()));
            } else {
                body.add(Problem.Violation.atPointer(located.pointer, violation.getMessage()));
            }
        }
        Comparator<Problem.Violation> order = Comparator
                .comparing((Problem.Violation v) -> v.pointer() == null ? "" : v.pointer())
                .thenComparing(v -> v.parameter() == null ? "" : v.parameter())
                .thenComparing(Problem.Violation::detail);
        if (!parameters.isEmpty()) {
            parameters.addAll(body);
            parameters.sort(order);
            return Classified.of(ErrorCode.INVALID_PARAMETER, "One or more parameters are invalid")
                    .withViolations(parameters);
        }
        if (returnValue || body.isEmpty()) {
            return Classified.of(ErrorCode.INTERNAL_ERROR, ProblemClassifier.GENERIC_DETAIL);
        }
        body.sort(order);
        return Classified.of(ErrorCode.VALIDATION_ERROR,
                body.size() == 1 ? "1 field failed validation" : body.size() + " fields failed validation")
                .withViolations(body);
    }

    private record Located(String pointer, String parameter, boolean returnValue) {
    }

    private static Located locate(ConstraintViolation<?> violation) {
        String methodName = null;
        List<Class<?>> parameterTypes = List.of();
        int parameterIndex = -1;
        StringBuilder pointer = new StringBuilder("#");
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD) {
                methodName = node.getName();
                parameterTypes = node.as(Path.MethodNode.class).getParameterTypes();
            } else if (kind == ElementKind.RETURN_VALUE) {
                return new Located(null, null, true);
            } else if (kind == ElementKind.PARAMETER) {
                parameterIndex = node.as(Path.ParameterNode.class).getParameterIndex();
            } else if (kind != ElementKind.CROSS_PARAMETER) {
                if (node.isInIterable()) {
                    Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                    if (position != null) {
                        pointer.append('/').append(escape(String.valueOf(position)));
                    }
                }
                if (node.getName() != null && !node.getName().startsWith("<")) {
                    pointer.append('/').append(escape(node.getName()));
                }
            }
        }
        if (parameterIndex >= 0 && methodName != null) {
            String parameter = parameterName(violation.getRootBeanClass(), methodName, parameterTypes, parameterIndex);
            if (parameter != null) {
                return new Located(null, parameter, false);
            }
        }
        return new Located(pointer.toString(), null, false);
    }

    /** The name a JAX-RS parameter annotation gives, or null for the entity (the body). */
    private static String parameterName(Class<?> resource, String methodName, List<Class<?>> types, int index) {
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Method method = type.getDeclaredMethod(methodName, types.toArray(Class<?>[]::new));
                for (Annotation annotation : method.getParameterAnnotations()[index]) {
                    String name = jaxRsName(annotation);
                    if (name != null) {
                        return name;
                    }
                }
            } catch (NoSuchMethodException notHere) {
                // declared further up, or overridden by a proxy without annotations
            }
        }
        return null;
    }

    private static String jaxRsName(Annotation annotation) {
        if (annotation instanceof QueryParam q) {
            return q.value();
        } else if (annotation instanceof PathParam p) {
            return p.value();
        } else if (annotation instanceof HeaderParam h) {
            return h.value();
        } else if (annotation instanceof CookieParam c) {
            return c.value();
        } else if (annotation instanceof FormParam f) {
            return f.value();
        } else if (annotation instanceof MatrixParam m) {
            return m.value();
        }
        return null;
    }

    /** RFC 6901: '~' becomes '~0' and '/' becomes '~1'. */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
