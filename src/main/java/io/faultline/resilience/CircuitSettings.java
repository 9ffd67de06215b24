package io.faultline.resilience;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The thresholds a {@code @CircuitBreaker} method runs with: its annotation, overridden through
 * MicroProfile Config the way Fault Tolerance itself reads it
 * ({@code <class>/<method>/CircuitBreaker/<name>}, then {@code <class>/CircuitBreaker/<name>},
 * then {@code CircuitBreaker/<name>}). The delay is in milliseconds, whatever {@code delayUnit}
 * says, because not every runtime honours {@code delayUnit}.
 */
public record CircuitSettings(int requestVolumeThreshold, double failureRatio, long delayMs, int successThreshold) {

    public static CircuitSettings of(Class<?> type, String methodName) {
        Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(methodName))
                .filter(m -> m.isAnnotationPresent(CircuitBreaker.class)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + "." + methodName + " has no @CircuitBreaker"));
        CircuitBreaker annotation = method.getAnnotation(CircuitBreaker.class);
        Lookup lookup = new Lookup(ConfigProvider.getConfig(), type.getName(), methodName);
        return new CircuitSettings(
                lookup.value("requestVolumeThreshold", Integer.class, annotation.requestVolumeThreshold()),
                lookup.value("failureRatio", Double.class, annotation.failureRatio()),
                lookup.value("delay", Long.class, annotation.delay()),
                lookup.value("successThreshold", Integer.class, annotation.successThreshold()));
    }

    private record Lookup(Config config, String type, String method) {
        <T> T value(String name, Class<T> valueType, T annotated) {
            for (String key : new String[] {type + "/" + method + "/CircuitBreaker/" + name,
                    type + "/CircuitBreaker/" + name, "CircuitBreaker/" + name}) {
                var value = config.getOptionalValue(key, valueType);
                if (value.isPresent()) {
                    return value.get();
                }
            }
            return annotated;
        }
    }
}
