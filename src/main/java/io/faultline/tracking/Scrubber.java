package io.faultline.tracking;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.logging.SensitiveKeys;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Filters secrets out of an event before it is stored: values under sensitive keys (matched by
 * whole tokens, see {@link SensitiveKeys}), card numbers that pass the Luhn check and PEM
 * private keys wherever they appear. Counts what it filtered.
 */
public final class Scrubber {

    public static final String FILTERED = "[Filtered]";
    private static final Pattern CARD = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", Pattern.DOTALL);

    private int filtered;

    /** A scrubbed copy of the value, and the count of filtered values in {@link #filtered()}. */
    public JsonValue scrub(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> scrubObject((JsonObject) value);
            case ARRAY -> scrubArray((JsonArray) value);
            case STRING -> JSON.createValue(scrubText(((JsonString) value).getString()));
            default -> value;
        };
    }

    public int filtered() {
        return filtered;
    }

    private JsonObject scrubObject(JsonObject object) {
        JsonObjectBuilder copy = JSON.createObjectBuilder();
        object.forEach((key, value) -> {
            if (SensitiveKeys.isSensitive(key) && value.getValueType() != JsonValue.ValueType.NULL
                    && value.getValueType() != JsonValue.ValueType.OBJECT && value.getValueType() != JsonValue.ValueType.ARRAY) {
                filtered++;
                copy.add(key, FILTERED);
            } else {
                copy.add(key, scrub(value));
            }
        });
        return copy.build();
    }

    private JsonArray scrubArray(JsonArray array) {
        JsonArrayBuilder copy = JSON.createArrayBuilder();
        array.forEach(item -> copy.add(scrub(item)));
        return copy.build();
    }

    String scrubText(String text) {
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
