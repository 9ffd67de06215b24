package io.faultline.sentry;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.tracking.IntakeConfig;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Sentry event into a Faultline event, so that it goes through the same scrubbing,
 * validation, grouping and storage as one reported natively. What a Sentry event may hold
 * beyond Faultline's bounds is cut to fit (the newest frames, the first tags), not refused: an
 * SDK does not resend a refused event. (https://develop.sentry.dev/sdk/data-model/event-payloads/)
 */
final class SentryEvents {

    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info");
    private static final int MAX_SHORT = 200;
    private static final int MAX_NAME = 100;
    private static final int MAX_FINGERPRINT_PARTS = 10;
    private static final int MAX_USER_FIELDS = 20;
    private static final int MAX_BREADCRUMBS = 100;
    private static final BigDecimal MAX_LINE = BigDecimal.valueOf(Integer.MAX_VALUE);

    private SentryEvents() {
    }

    static JsonObject toFaultline(JsonObject sentry, IntakeConfig.Limits limits) {
        JsonObjectBuilder event = JSON.createObjectBuilder();
        event.add("level", level(string(sentry, "level")));
        String message = message(sentry);
        if (message != null) {
            event.add("message", cut(message, limits.maxMessage()));
        }
        JsonArray exceptions = exceptions(sentry);
        if (!exceptions.isEmpty()) {
            // Sentry lists a chain cause first: the last value is the exception that was raised.
            event.add("exception", exception(exceptions.getJsonObject(exceptions.size() - 1), limits));
            if (exceptions.size() > 1) {
                JsonArrayBuilder chain = JSON.createArrayBuilder();
                exceptions.getValuesAs(JsonObject.class).forEach(e -> chain.add(JSON.createObjectBuilder()
                        .add("type", cut(typeOf(e), limits.maxString())).add("value", cut(string(e, "value", ""), limits.maxMessage()))));
                event.add("exceptionChain", chain);
            }
        } else if (message == null) {
            event.add("message", "(no message)");
        }
        addString(event, "release", string(sentry, "release"), MAX_SHORT);
        addString(event, "environment", string(sentry, "environment"), MAX_NAME);
        addString(event, "platform", string(sentry, "platform"), MAX_NAME);
        addString(event, "timestamp", timestamp(sentry.get("timestamp")), MAX_SHORT);
        addString(event, "eventId", string(sentry, "event_id"), 64);
        JsonArray fingerprint = fingerprint(sentry.get("fingerprint"), limits);
        if (fingerprint != null) {
            event.add("fingerprint", fingerprint);
        }
        Map<String, String> tags = pairs(sentry.get("tags"));
        for (String field : List.of("server_name", "logger", "transaction")) {
            String value = string(sentry, field);
            if (value != null) {
                tags.putIfAbsent(field, value);
            }
        }
        if (!tags.isEmpty()) {
            event.add("tags", stringMap(tags, limits.maxTags(), limits.maxString()));
        }
        if (sentry.get("user") instanceof JsonObject user) {
            event.add("user", stringMap(pairs(user), MAX_USER_FIELDS, limits.maxString()));
        }
        if (sentry.get("request") instanceof JsonObject request) {
            event.add("request", request(request, limits));
        }
        for (String passed : List.of("contexts", "extra", "sdk")) {
            if (sentry.get(passed) instanceof JsonObject object) {
                event.add(passed, object);
            }
        }
        JsonValue breadcrumbs = sentry.get("breadcrumbs");
        if (breadcrumbs instanceof JsonObject wrapped) {
            breadcrumbs = wrapped.get("values");
        }
        if (breadcrumbs instanceof JsonArray values) {
            JsonArrayBuilder newest = JSON.createArrayBuilder();
            values.stream().skip(Math.max(0, values.size() - MAX_BREADCRUMBS)).filter(b -> b instanceof JsonObject)
                    .forEach(newest::add);
            event.add("breadcrumbs", newest);
        }
        return event.build();
    }

    private static String level(String level) {
        String lower = level == null ? "error" : level.toLowerCase(Locale.ROOT);
        if (lower.equals("critical")) {
            return "fatal";
        }
        if (lower.equals("warn")) {
            return "warning";
        }
        return LEVELS.contains(lower) ? lower : lower.equals("debug") || lower.equals("log") ? "info" : "error";
    }

    /** {@code message} as a string or as {@code {formatted, message}}, else {@code logentry}. */
    private static String message(JsonObject sentry) {
        JsonValue message = sentry.get("message");
        if (message instanceof JsonString text && !text.getString().isEmpty()) {
            return text.getString();
        }
        for (JsonValue entry : new JsonValue[] {message, sentry.get("logentry")}) {
            if (entry instanceof JsonObject object) {
                String formatted = string(object, "formatted");
                return formatted != null ? formatted : string(object, "message");
            }
        }
        return null;
    }

    private static JsonArray exceptions(JsonObject sentry) {
        JsonValue exception = sentry.get("exception");
        if (exception instanceof JsonObject object && object.get("values") instanceof JsonArray values) {
            exception = values;
        }
        JsonArrayBuilder found = JSON.createArrayBuilder();
        if (exception instanceof JsonArray values) {
            values.stream().filter(v -> v instanceof JsonObject).forEach(found::add);
        }
        return found.build();
    }

    private static JsonObject exception(JsonObject sentry, IntakeConfig.Limits limits) {
        JsonObjectBuilder exception = JSON.createObjectBuilder()
                .add("type", cut(typeOf(sentry), limits.maxString()))
                .add("value", cut(string(sentry, "value", ""), limits.maxMessage()));
        if (sentry.get("stacktrace") instanceof JsonObject stacktrace && stacktrace.get("frames") instanceof JsonArray frames) {
            JsonArrayBuilder kept = JSON.createArrayBuilder();
            // Oldest first, as Sentry sends them; beyond the bound the newest frames are kept.
            for (int i = Math.max(0, frames.size() - limits.maxFrames()); i < frames.size(); i++) {
                if (frames.get(i) instanceof JsonObject frame) {
                    kept.add(frame(frame, limits));
                }
            }
            exception.add("stacktrace", kept);
        }
        return exception.build();
    }

    private static String typeOf(JsonObject exception) {
        String type = string(exception, "type");
        String module = string(exception, "module");
        if (type == null) {
            return "Error";
        }
        return module == null || type.contains(".") ? type : module + "." + type;
    }

    private static JsonObject frame(JsonObject sentry, IntakeConfig.Limits limits) {
        JsonObjectBuilder frame = JSON.createObjectBuilder();
        String file = string(sentry, "filename");
        addString(frame, "file", file != null ? file : string(sentry, "abs_path"), limits.maxString());
        addString(frame, "function", string(sentry, "function"), limits.maxString());
        addString(frame, "module", string(sentry, "module"), limits.maxString());
        if (sentry.get("lineno") instanceof JsonNumber line && line.isIntegral() && line.bigDecimalValue().signum() >= 0
                && line.bigDecimalValue().compareTo(MAX_LINE) <= 0) {
            frame.add("line", line.intValue());
        }
        JsonValue inApp = sentry.get("in_app");
        if (inApp == JsonValue.TRUE || inApp == JsonValue.FALSE) {
            frame.add("inApp", inApp);
        }
        return frame.build();
    }

    private static JsonArray fingerprint(JsonValue given, IntakeConfig.Limits limits) {
        if (!(given instanceof JsonArray parts) || parts.isEmpty()) {
            return null;
        }
        JsonArrayBuilder fingerprint = JSON.createArrayBuilder();
        parts.stream().limit(MAX_FINGERPRINT_PARTS)
                .forEach(p -> fingerprint.add(cut(p instanceof JsonString s ? s.getString() : p.toString(), limits.maxString())));
        return fingerprint.build();
    }

    /** Seconds since the epoch (a number, as SDKs send it) or an RFC 3339 string. */
    private static String timestamp(JsonValue value) {
        if (value instanceof JsonNumber seconds) {
            BigDecimal millis = seconds.bigDecimalValue().movePointRight(3);
            if (millis.abs().compareTo(BigDecimal.valueOf(253_402_300_799_000L)) <= 0) {
                return Instant.ofEpochMilli(millis.longValue()).toString();
            }
            return null;
        }
        return value instanceof JsonString text ? text.getString() : null;
    }

    private static JsonObject request(JsonObject sentry, IntakeConfig.Limits limits) {
        JsonObjectBuilder request = JSON.createObjectBuilder();
        addString(request, "url", string(sentry, "url"), limits.maxString());
        addString(request, "method", string(sentry, "method"), 16);
        Map<String, String> headers = pairs(sentry.get("headers"));
        if (!headers.isEmpty()) {
            request.add("headers", stringMap(headers, limits.maxTags(), limits.maxString()));
        }
        return request.build();
    }

    /** An object, or a list of [key, value] pairs, as Sentry sends tags and headers; values as text. */
    private static Map<String, String> pairs(JsonValue value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.forEach((key, v) -> {
                if (v.getValueType() != JsonValue.ValueType.NULL) {
                    pairs.put(key, v instanceof JsonString s ? s.getString() : v.toString());
                }
            });
        } else if (value instanceof JsonArray list) {
            for (JsonValue item : list) {
                if (item instanceof JsonArray pair && pair.size() == 2 && pair.get(0) instanceof JsonString key
                        && pair.get(1).getValueType() != JsonValue.ValueType.NULL) {
                    pairs.put(key.getString(), pair.get(1) instanceof JsonString s ? s.getString() : pair.get(1).toString());
                }
            }
        }
        return pairs;
    }

    private static JsonObject stringMap(Map<String, String> map, int maxEntries, int maxValue) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
        entries.stream().filter(e -> e.getKey().length() <= MAX_SHORT).limit(maxEntries)
                .forEach(e -> object.add(e.getKey(), cut(e.getValue(), maxValue)));
        return object.build();
    }

    private static void addString(JsonObjectBuilder builder, String field, String value, int max) {
        if (value != null) {
            builder.add(field, cut(value, max));
        }
    }

    private static String string(JsonObject object, String field) {
        return object.get(field) instanceof JsonString text ? text.getString() : null;
    }

    private static String string(JsonObject object, String field, String fallback) {
        String value = string(object, field);
        return value == null ? fallback : value;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
