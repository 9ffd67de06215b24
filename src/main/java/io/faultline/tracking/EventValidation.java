package io.faultline.tracking;

import io.faultline.correlation.CorrelationIds;
import io.faultline.problem.ErrorCode;
import io.faultline.problem.Problem;
import io.faultline.problem.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks reported events against the contract's fields and the configured bounds. A value of
 * the wrong JSON type is a 400 PARSE_ERROR, a value out of bounds a 422 VALIDATION_ERROR; every
 * failure is listed with its JSON pointer.
 */
final class EventValidation {

    private static final BigDecimal MAX_LINE = BigDecimal.valueOf(Integer.MAX_VALUE);

    static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info");
    private static final int MAX_FINGERPRINT_PARTS = 10;
    /** As many as a Sentry SDK keeps by default. */
    static final int MAX_BREADCRUMBS = 100;
    private static final int MAX_SHORT = 200;
    /** As long as the columns that hold the environment and the platform. */
    private static final int MAX_NAME = 100;

    private final IntakeConfig.Limits bounds;
    private final List<Problem.Violation> wrongTypes = new ArrayList<>();
    private final List<Problem.Violation> outOfBounds = new ArrayList<>();

    EventValidation(IntakeConfig.Limits bounds) {
        this.bounds = bounds;
    }

    /** Checks one event; {@code at} is its pointer prefix ("#" or "#/3"). */
    void check(JsonValue value, String at) {
        if (value.getValueType() != ValueType.OBJECT) {
            wrongTypes.add(Problem.Violation.atPointer(at, "must be a JSON object"));
            return;
        }
        JsonObject event = value.asJsonObject();
        string(event, "level", at, MAX_SHORT);
        if (event.get("level") instanceof JsonString level && !LEVELS.contains(level.getString())) {
            outOfBounds.add(Problem.Violation.atPointer(at + "/level", "must be one of fatal, error, warning, info"));
        }
        string(event, "message", at, bounds.maxMessage());
        for (String field : List.of("release", "timestamp")) {
            string(event, field, at, MAX_SHORT);
        }
        for (String field : List.of("environment", "platform")) {
            string(event, field, at, MAX_NAME);
        }
        string(event, "correlationId", at, 128);
        if (event.get("correlationId") instanceof JsonString id && !CorrelationIds.isValid(id.getString())) {
            outOfBounds.add(Problem.Violation.atPointer(at + "/correlationId", "must match [A-Za-z0-9._:-]{1,128}"));
        }
        string(event, "eventId", at, 36);
        if (event.get("eventId") instanceof JsonString id && EventIds.normalized(id.getString()) == null) {
            outOfBounds.add(Problem.Violation.atPointer(at + "/eventId", "must be 32 hex digits or a UUID"));
        }
        if (!(event.get("message") instanceof JsonString) && !(event.get("exception") instanceof JsonObject)) {
            outOfBounds.add(Problem.Violation.atPointer(at + "/message", "an event needs a message or an exception"));
        }
        exception(event, at);
        stringArray(event, "fingerprint", at, MAX_FINGERPRINT_PARTS);
        stringMap(event, "tags", at, bounds.maxTags());
        if (type(event, "user", at, ValueType.OBJECT, ValueType.STRING)) {
            if (event.get("user") instanceof JsonObject) {
                stringMap(event, "user", at, 20);
            } else {
                string(event, "user", at, bounds.maxString());
            }
        }
        type(event, "contexts", at, ValueType.OBJECT);
        type(event, "extra", at, ValueType.OBJECT);
        if (type(event, "breadcrumbs", at, ValueType.ARRAY)) {
            JsonArray breadcrumbs = event.getJsonArray("breadcrumbs");
            if (breadcrumbs.size() > MAX_BREADCRUMBS) {
                outOfBounds.add(Problem.Violation.atPointer(at + "/breadcrumbs", "must have at most " + MAX_BREADCRUMBS + " items"));
            }
            for (int i = 0; i < breadcrumbs.size(); i++) {
                if (breadcrumbs.get(i).getValueType() != ValueType.OBJECT) {
                    wrongTypes.add(Problem.Violation.atPointer(at + "/breadcrumbs/" + i, "must be a JSON object"));
                }
            }
        }
        if (type(event, "request", at, ValueType.OBJECT)) {
            JsonObject request = event.getJsonObject("request");
            string(request, "url", at + "/request", bounds.maxString());
            string(request, "method", at + "/request", 16);
            stringMap(request, "headers", at + "/request", bounds.maxTags());
        }
    }

    /** Throws the problem that lists every failure, if there is any. */
    void throwIfInvalid() {
        if (!wrongTypes.isEmpty()) {
            throw new ProblemException(ErrorCode.PARSE_ERROR, "One or more values have the wrong JSON type",
                    Map.of(), wrongTypes, null);
        }
        if (!outOfBounds.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_ERROR, outOfBounds.size() + " field(s) failed validation",
                    Map.of(), outOfBounds, null);
        }
    }

    private void exception(JsonObject event, String at) {
        if (!type(event, "exception", at, ValueType.OBJECT)) {
            return;
        }
        JsonObject exception = event.getJsonObject("exception");
        String here = at + "/exception";
        string(exception, "type", here, bounds.maxString());
        string(exception, "value", here, bounds.maxMessage());
        if (!type(exception, "stacktrace", here, ValueType.ARRAY)) {
            return;
        }
        JsonArray frames = exception.getJsonArray("stacktrace");
        if (frames.size() > bounds.maxFrames()) {
            outOfBounds.add(Problem.Violation.atPointer(here + "/stacktrace", "must have at most " + bounds.maxFrames() + " frames"));
            return;
        }
        for (int i = 0; i < frames.size(); i++) {
            String frameAt = here + "/stacktrace/" + i;
            if (frames.get(i).getValueType() != ValueType.OBJECT) {
                wrongTypes.add(Problem.Violation.atPointer(frameAt, "must be a JSON object"));
                continue;
            }
            JsonObject frame = frames.getJsonObject(i);
            for (String field : List.of("file", "function", "module")) {
                string(frame, field, frameAt, bounds.maxString());
            }
            if (type(frame, "line", frameAt, ValueType.NUMBER) && !isLineNumber(frame.getJsonNumber("line"))) {
                outOfBounds.add(Problem.Violation.atPointer(frameAt + "/line", "must be a whole number from 0 to " + Integer.MAX_VALUE));
            }
            type(frame, "inApp", frameAt, ValueType.TRUE, ValueType.FALSE);
        }
    }

    /** Checked by magnitude first, so that a number such as 1e999999999 costs nothing to refuse. */
    private static boolean isLineNumber(JsonNumber number) {
        BigDecimal value = number.bigDecimalValue();
        return value.signum() >= 0 && value.compareTo(MAX_LINE) <= 0 && value.stripTrailingZeros().scale() <= 0;
    }

    private void string(JsonObject object, String field, String at, int max) {
        if (type(object, field, at, ValueType.STRING) && object.getString(field).length() > max) {
            outOfBounds.add(Problem.Violation.atPointer(at + "/" + field, "must be at most " + max + " characters"));
        }
    }

    private void stringArray(JsonObject object, String field, String at, int maxItems) {
        if (!type(object, field, at, ValueType.ARRAY)) {
            return;
        }
        JsonArray items = object.getJsonArray(field);
        if (items.size() > maxItems) {
            outOfBounds.add(Problem.Violation.atPointer(at + "/" + field, "must have at most " + maxItems + " items"));
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).getValueType() != ValueType.STRING) {
                wrongTypes.add(Problem.Violation.atPointer(at + "/" + field + "/" + i, "must be a string"));
            } else if (items.getString(i).length() > bounds.maxString()) {
                outOfBounds.add(Problem.Violation.atPointer(at + "/" + field + "/" + i,
                        "must be at most " + bounds.maxString() + " characters"));
            }
        }
    }

    private void stringMap(JsonObject object, String field, String at, int maxEntries) {
        if (!type(object, field, at, ValueType.OBJECT)) {
            return;
        }
        JsonObject map = object.getJsonObject(field);
        String here = at + "/" + field;
        if (map.size() > maxEntries) {
            outOfBounds.add(Problem.Violation.atPointer(here, "must have at most " + maxEntries + " entries"));
        }
        map.forEach((key, value) -> {
            String pointer = here + "/" + key.replace("~", "~0").replace("/", "~1");
            if (key.length() > MAX_SHORT) {
                outOfBounds.add(Problem.Violation.atPointer(here, "keys must be at most " + MAX_SHORT + " characters"));
            } else if (value.getValueType() != ValueType.STRING) {
                wrongTypes.add(Problem.Violation.atPointer(pointer, "must be a string"));
            } else if (((JsonString) value).getString().length() > bounds.maxString()) {
                outOfBounds.add(Problem.Violation.atPointer(pointer, "must be at most " + bounds.maxString() + " characters"));
            }
        });
    }

    /** Whether the field is present with one of the types; records a wrong type. */
    private boolean type(JsonObject object, String field, String at, ValueType... allowed) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == ValueType.NULL) {
            return false;
        }
        for (ValueType type : allowed) {
            if (value.getValueType() == type) {
                return true;
            }
        }
        wrongTypes.add(Problem.Violation.atPointer(at + "/" + field, "has the wrong JSON type"));
        return false;
    }
}
