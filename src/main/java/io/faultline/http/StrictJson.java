package io.faultline.http;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a JSON body (the events clients report) strictly, the same on every runtime, rather
 * than through the runtime's own reader: UTF-8 only (a malformed byte is an error, not a
 * replacement character), a key given twice in one object is an error rather than a silent
 * choice of one of the values, and input beyond the parser's limits (nesting, number size) is
 * a parse error, not a server failure.
 */
public final class StrictJson {

    private static final JsonReaderFactory READERS =
            JSON.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private StrictJson() {
    }

    /** The JSON value of the body, or a PARSE_ERROR problem. */
    public static JsonValue read(InputStream entityStream) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (JsonReader reader = READERS.createReader(new InputStreamReader(entityStream, decoder))) {
            return reader.readValue();
        } catch (ProblemException e) {
            throw e;
        } catch (JsonParsingException e) {
            throw new ProblemException(ErrorCode.PARSE_ERROR, "The body is not valid JSON: " + describe(e));
        } catch (JsonException e) {
            ProblemException problem = causeOf(e, ProblemException.class);
            if (problem != null) {
                throw problem;
            }
            if (causeOf(e, CharacterCodingException.class) != null) {
                throw new ProblemException(ErrorCode.PARSE_ERROR, "The body is not valid UTF-8");
            }
            throw new ProblemException(ErrorCode.PARSE_ERROR, "The body is not valid JSON");
        } catch (RuntimeException e) {
            // The parser refuses input beyond its limits (nesting depth, number size) with a bare RuntimeException.
            throw new ProblemException(ErrorCode.PARSE_ERROR, "The body exceeds the parser's limits: "
                    + (String.valueOf(e.getMessage()).contains("nested") ? "nested too deeply" : "a value is too large"));
        }
    }

    private static String describe(JsonParsingException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.toLowerCase(java.util.Locale.ROOT).contains("duplicate")) {
            return "a key appears twice in one object";
        }
        return e.getLocation() == null ? "syntax error"
                : "syntax error at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
