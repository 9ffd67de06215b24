package io.faultline.logging;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a key names a secret, matched by whole tokens: {@code api_key}, {@code apiKey} and
 * {@code X-Auth-Token} are sensitive; {@code author} and {@code keyboard} are not.
 */
public final class SensitiveKeys {

    private static final Set<String> TOKENS = Set.of(
            "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey",
            "authorization", "auth", "cookie", "session", "sessionid", "credential", "credentials",
            "signature", "jwt", "bearer", "private", "otp", "pin", "ssn");
    private static final int LONGEST_TOKEN = TOKENS.stream().mapToInt(String::length).max().orElse(0);

    private SensitiveKeys() {
    }

    /**
     * Splits the key into tokens at every run of characters other than ASCII letters and digits,
     * and at camel-case boundaries ({@code apiKey}: api, Key; {@code HTTPToken}: HTTP, Token), in
     * one pass: this runs for every key of every event intake stores.
     */
    public static boolean isSensitive(String key) {
        if (key == null) {
            return false;
        }
        int start = -1;
        for (int i = 0; i <= key.length(); i++) {
            char c = i < key.length() ? key.charAt(i) : ' ';
            if (!isLetterOrDigit(c)) {
                if (start >= 0 && isToken(key, start, i)) {
                    return true;
                }
                start = -1;
            } else if (start < 0) {
                start = i;
            } else if (isCamelBoundary(key, i)) {
                if (isToken(key, start, i)) {
                    return true;
                }
                start = i;
            }
        }
        return false;
    }

    private static boolean isCamelBoundary(String key, int i) {
        char previous = key.charAt(i - 1);
        char current = key.charAt(i);
        boolean lowerThenUpper = (isLower(previous) || isDigit(previous)) && isUpper(current);
        boolean acronymEnds = isUpper(previous) && isUpper(current) && i + 1 < key.length() && isLower(key.charAt(i + 1));
        return lowerThenUpper || acronymEnds;
    }

    private static boolean isToken(String key, int start, int end) {
        return end - start <= LONGEST_TOKEN && TOKENS.contains(key.substring(start, end).toLowerCase(Locale.ROOT));
    }

    private static boolean isLetterOrDigit(char c) {
        return isLower(c) || isUpper(c) || isDigit(c);
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
