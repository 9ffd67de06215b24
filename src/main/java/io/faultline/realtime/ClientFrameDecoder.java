package io.faultline.realtime;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParser;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import java.io.StringReader;

/**
 * Reads a client frame: a JSON object with a string {@code type}, at most {@link #MAX_FRAME}
 * characters. What it cannot read reaches the endpoint's {@code @OnError} as a
 * {@link DecodeException}: a MALFORMED_MESSAGE error frame, or a 1009 close for a
 * {@link FrameTooLarge}.
 */
public class ClientFrameDecoder implements Decoder.Text<ClientFrame> {

    static final int MAX_FRAME = 16 * 1024;

    /** A frame longer than {@link #MAX_FRAME}: the connection closes with 1009. */
    static final class FrameTooLarge extends DecodeException {
        private static final long serialVersionUID = 1L;

        FrameTooLarge(String text) {
            super(abbreviate(text), "frame larger than " + MAX_FRAME + " characters");
        }
    }

    @Override
    public ClientFrame decode(String text) throws DecodeException {
        if (text.length() > MAX_FRAME) {
            throw new FrameTooLarge(text);
        }
        JsonObject object;
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new DecodeException(abbreviate(text), "not a JSON object");
            }
            object = parser.getObject();
            if (parser.hasNext()) {
                throw new DecodeException(abbreviate(text), "text after the JSON object");
            }
        } catch (JsonException e) {
            throw new DecodeException(abbreviate(text), "not JSON");
        } catch (RuntimeException e) {
            // The parser refuses input beyond its limits (nesting depth, number size) with a bare RuntimeException.
            throw new DecodeException(abbreviate(text), "beyond the parser's limits");
        }
        if (!(object.get("type") instanceof JsonString type)) {
            throw new DecodeException(abbreviate(text), "no string 'type'");
        }
        return new ClientFrame(type.getString(), object);
    }

    /** Only what can be a client frame: a JSON object, by its first character. */
    @Override
    public boolean willDecode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64);
    }
}
