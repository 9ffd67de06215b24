package io.faultline.tracking;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Which group an event belongs to: its own {@code fingerprint} when given (where a part is
 * {@code {{ default }}}, the fingerprint it would have had stands in for it); else its exception
 * type with its in-app frames (function and module or file, not line numbers, so a moved line
 * stays in the group); else its message with numbers, hex and UUIDs masked.
 */
public final class Fingerprints {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-fA-F]{12,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern DEFAULT = Pattern.compile("\\{\\{\\s*default\\s*}}");

    private Fingerprints() {
    }

    public static String of(JsonObject event) {
        JsonValue given = event.get("fingerprint");
        if (given instanceof JsonArray parts && !parts.isEmpty()) {
            StringBuilder joined = new StringBuilder("given");
            for (JsonString part : parts.getValuesAs(JsonString.class)) {
                // As in Sentry: {{ default }} stands for the fingerprint the event would have had.
                String text = DEFAULT.matcher(part.getString()).matches() ? derived(event) : part.getString();
                joined.append('\u0000').append(text);
            }
            return sha256(joined.toString());
        }
        return derived(event);
    }

    private static String derived(JsonObject event) {
        JsonObject exception = event.getJsonObject("exception");
        if (exception != null && exception.containsKey("type")) {
            StringBuilder key = new StringBuilder("exception\u0000").append(exception.getString("type"));
            JsonArray frames = exception.getJsonArray("stacktrace");
            if (frames != null) {
                for (JsonObject frame : frames.getValuesAs(JsonObject.class)) {
                    if (frame.getBoolean("inApp", true)) {
                        key.append('\u0000').append(frame.getString("function", ""))
                                .append('@').append(frame.getString("module", frame.getString("file", "")));
                    }
                }
            }
            return sha256(key.toString());
        }
        return sha256("message\u0000" + maskMessage(event.getString("message", "")));
    }

    static String maskMessage(String message) {
        String masked = UUID.matcher(message).replaceAll("<id>");
        masked = HEX.matcher(masked).replaceAll("<hex>");
        return NUMBER.matcher(masked).replaceAll("<n>");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
