package io.faultline.logging;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a key names a secret, matched by whole tokens: {@code api_key}, {@code apiKey} and
 * {@code X-Auth-Token} are sensitive; {@code author} and {@code keyboard} are not.
 */
public final class SensitiveKeys {

    private static final Set<String> TOKENS = Set.of(
            "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey",
            "authorization", "auth", "cookie", "session", "sessionid", "credential", "credentials",
            "signature", "jwt", "bearer", "private", "otp", "pin", "ssn");
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");

    private SensitiveKeys() {
    }

    public static boolean isSensitive(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        for (String part : SEPARATORS.split(key)) {
            for (String token : CAMEL_BOUNDARY.split(part)) {
                if (TOKENS.contains(token.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }
}
