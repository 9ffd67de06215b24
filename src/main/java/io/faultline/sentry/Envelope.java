package io.faultline.sentry;

import io.faultline.http.StrictJson;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Sentry envelope: a JSON header line, then items, each a JSON header line and a payload of
 * {@code length} bytes when the header says so, else up to the next newline.
 * (https://develop.sentry.dev/sdk/data-model/envelopes/)
 */
record Envelope(JsonObject header, List<Item> items) {

    /** One item: its type ({@code event}, {@code transaction}, {@code session}, ...) and payload. */
    record Item(String type, byte[] payload) {

        JsonValue json() {
            return StrictJson.read(new ByteArrayInputStream(payload));
        }
    }

    static Envelope parse(byte[] body) {
        Reader reader = new Reader(body);
        byte[] headerLine = reader.line();
        if (headerLine == null || headerLine.length == 0) {
            throw invalid("it has no header");
        }
        JsonObject header = object(headerLine, "header");
        List<Item> items = new ArrayList<>();
        while (reader.hasMore()) {
            byte[] itemHeaderLine = reader.line();
            if (itemHeaderLine.length == 0) {
                continue; // a trailing newline, or an empty line between items
            }
            JsonObject itemHeader = object(itemHeaderLine, "item header");
            if (!(itemHeader.get("type") instanceof jakarta.json.JsonString type)) {
                throw invalid("an item header has no type");
            }
            byte[] payload;
            JsonValue length = itemHeader.getOrDefault("length", JsonValue.NULL);
            if (length instanceof JsonNumber bytes && bytes.isIntegral()) {
                payload = reader.bytes(bytes.longValue());
                reader.skipNewline();
            } else if (length != JsonValue.NULL) {
                throw invalid("an item's length is not a whole number");
            } else {
                payload = reader.line();
                if (payload == null) {
                    payload = new byte[0];
                }
            }
            items.add(new Item(type.getString(), payload));
        }
        return new Envelope(header, List.copyOf(items));
    }

    private static JsonObject object(byte[] line, String what) {
        JsonValue value = StrictJson.read(new ByteArrayInputStream(line));
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid("its " + what + " is not a JSON object");
        }
        return value.asJsonObject();
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(ErrorCode.PARSE_ERROR, "The body is not a Sentry envelope: " + why);
    }

    private static final class Reader {
        private final byte[] body;
        private int position;

        Reader(byte[] body) {
            this.body = body;
        }

        boolean hasMore() {
            return position < body.length;
        }

        /** The bytes up to the next newline (not included), or to the end; null at the end. */
        byte[] line() {
            if (position >= body.length) {
                return null;
            }
            int start = position;
            while (position < body.length && body[position] != '\n') {
                position++;
            }
            byte[] line = Arrays.copyOfRange(body, start, position);
            if (position < body.length) {
                position++;
            }
            return line;
        }

        byte[] bytes(long length) {
            if (length < 0 || length > body.length - position) {
                throw invalid("an item is shorter than its length");
            }
            byte[] bytes = Arrays.copyOfRange(body, position, position + (int) length);
            position += (int) length;
            return bytes;
        }

        void skipNewline() {
            if (position < body.length && body[position] == '\n') {
                position++;
            }
        }
    }
}
