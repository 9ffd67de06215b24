package io.faultline.lifecycle;

import java.util.Locale;

/**
 * Parses configuration values with messages that name the property. Config beans read raw
 * strings and parse them here, because servers differ in what their converters do with a bad
 * value (one fails the deployment, another quietly falls back to the default).
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    public static long parseLong(String property, String raw, long min, long max) {
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(property + " must be a whole number, was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalStateException(property + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public static boolean parseBoolean(String property, String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException(property + " must be true or false, was '" + raw + "'");
        };
    }
}
