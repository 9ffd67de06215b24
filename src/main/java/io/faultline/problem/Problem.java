package io.faultline.problem;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details object with Faultline's extension members.
 *
 * <p>RFC 9457 section 3.1: {@code type} is a URI reference identifying the problem type;
 * {@code title} does not change from occurrence to occurrence; {@code detail} explains this
 * occurrence; {@code instance} identifies it. Extension members {@code code},
 * {@code correlationId}, {@code timestamp}, {@code details} and {@code errors} are allowed
 * by section 3.2; {@code details} and {@code errors} appear only when they carry something.
 */
public record Problem(String type, ErrorCode code, String detail, String instance,
                      String correlationId, Instant timestamp,
                      Map<String, ?> details, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        details = details == null ? Map.of() : Map.copyOf(details);
        errors = errors == null ? List.of() : List.copyOf(errors);
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    public String title() {
        return code.title();
    }

    public int status() {
        return code.status();
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", type)
                .add("title", title())
                .add("status", status())
                .add("detail", detail)
                .add("instance", instance)
                .add("code", code.name())
                .add("correlationId", correlationId)
                .add("timestamp", timestamp.toString());
        if (!details.isEmpty()) {
            json.add("details", toJsonValue(details));
        }
        if (!errors.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            errors.forEach(e -> list.add(e.toJson()));
            json.add("errors", list);
        }
        return json.build();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    static JsonValue toJsonValue(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Integer || value instanceof Long) {
            return JSON.createValue(((Number) value).longValue());
        } else if (value instanceof Number n) {
            return JSON.createValue(n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJsonValue(v)));
            return object.build();
        } else if (value instanceof Collection<?> items) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            items.forEach(v -> array.add(toJsonValue(v)));
            return array.build();
        }
        return JSON.createValue(String.valueOf(value));
    }

    /**
     * One failed constraint: a JSON pointer into the body, or the name of a parameter.
     */
    public record Violation(String pointer, String parameter, String detail) {

        public static Violation atPointer(String pointer, String detail) {
            return new Violation(pointer, null, detail);
        }

        public static Violation atParameter(String parameter, String detail) {
            return new Violation(null, parameter, detail);
        }

        JsonObject toJson() {
            JsonObjectBuilder json = JSON.createObjectBuilder();
            if (pointer != null) {
                json.add("pointer", pointer);
            }
            if (parameter != null) {
                json.add("parameter", parameter);
            }
            return json.add("detail", detail).build();
        }
    }
}
