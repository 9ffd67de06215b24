package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.logging.SensitiveKeys;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filters secrets out of an event before it is stored: values under sensitive keys (matched by
 * whole tokens, see {@link SensitiveKeys}), whole objects and arrays included, card numbers that pass the Luhn check and PEM
 * private keys wherever they appear. Counts what it filtered.
 */
public final class Scrubber {

    public static final String FILTERED = "[Filtered]";
    private static final JsonValue FILTERED_VALUE = JSON.createValue(FILTERED);
    /** The shortest card number the {@link #CARD} pattern takes. */
    private static final int MIN_CARD_DIGITS = 13;
    private static final Pattern CARD = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", Pattern.DOTALL);

    private int filtered;

    /**
     * The value with its secrets filtered, and the count of filtered values in {@link #filtered()}.
     * What holds no secret is returned as it is, not copied.
     */
    public JsonValue scrub(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> scrubObject((JsonObject) value);
            case ARRAY -> scrubArray((JsonArray) value);
            case STRING -> {
                String text = ((JsonString) value).getString();
                String scrubbed = scrubText(text);
                yield scrubbed == text ? value : JSON.createValue(scrubbed);
            }
            default -> value;
        };
    }

    public int filtered() {
        return filtered;
    }

    private JsonObject scrubObject(JsonObject object) {
        JsonObjectBuilder copy = null;
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String key = entry.getKey();
            JsonValue value = entry.getValue();
            JsonValue scrubbed;
            // Whatever the shape under a sensitive key: {"password": {"old": "..", "new": ".."}} holds secrets too.
            if (value.getValueType() != JsonValue.ValueType.NULL && SensitiveKeys.isSensitive(key)) {
                filtered++;
                scrubbed = FILTERED_VALUE;
            } else {
                scrubbed = scrub(value);
            }
            if (copy == null && scrubbed != value) {
                copy = JSON.createObjectBuilder();
                for (Map.Entry<String, JsonValue> before : object.entrySet()) {
                    if (before.getKey().equals(key)) {
                        break;
                    }
                    copy.add(before.getKey(), before.getValue());
                }
            }
            if (copy != null) {
                copy.add(key, scrubbed);
            }
        }
        return copy == null ? object : copy.build();
    }

    private JsonArray scrubArray(JsonArray array) {
        JsonArrayBuilder copy = null;
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            JsonValue scrubbed = scrub(item);
            if (copy == null && scrubbed != item) {
                copy = JSON.createArrayBuilder();
                for (int j = 0; j < i; j++) {
                    copy.add(array.get(j));
                }
            }
            if (copy != null) {
                copy.add(scrubbed);
            }
        }
        return copy == null ? array : copy.build();
    }

    /** The text with PEM private keys and card numbers filtered; the same instance if it holds neither. */
    String scrubText(String text) {
        String result = text;
        if (result.contains("-----BEGIN ")) {
            result = scrubPem(result);
        }
        return countDigits(result) >= MIN_CARD_DIGITS ? scrubCards(result) : result;
    }

    private String scrubPem(String text) {
        String result = text;
        Matcher pem = PEM.matcher(result);
        if (pem.find()) {
            StringBuilder out = new StringBuilder();
            do {
                filtered++;
                pem.appendReplacement(out, Matcher.quoteReplacement(FILTERED));
            } while (pem.find());
            pem.appendTail(out);
            result = out.toString();
        }
        return result;
    }

    private String scrubCards(String text) {
        String result = text;
        Matcher card = CARD.matcher(result);
        StringBuilder out = null;
        while (card.find()) {
            if (luhn(card.group())) {
                if (out == null) {
                    out = new StringBuilder();
                }
                filtered++;
                card.appendReplacement(out, Matcher.quoteReplacement(FILTERED));
            }
        }
        if (out != null) {
            card.appendTail(out);
            result = out.toString();
        }
        return result;
    }

    private static int countDigits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits;
    }

    static boolean luhn(String candidate) {
        int sum = 0;
        int digits = 0;
        boolean doubled = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            digits++;
            doubled = !doubled;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }
}
