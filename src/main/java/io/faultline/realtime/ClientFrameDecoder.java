package io.faultline.realtime;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import java.io.StringReader;

/**
 * Reads a client frame: a JSON object with a string {@code type}. The endpoint calls it itself
 * (servers differ in how a decoder's failure reaches {@code @OnError}), and answers a
 * {@link DecodeException} with a MALFORMED_MESSAGE error frame.
 */
public class ClientFrameDecoder implements Decoder.Text<ClientFrame> {

    @Override
    public ClientFrame decode(String text) throws DecodeException {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new DecodeException(abbreviate(text), "not JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new DecodeException(abbreviate(text), "not a JSON object");
        }
        JsonObject object = value.asJsonObject();
        if (!(object.get("type") instanceof JsonString type)) {
            throw new DecodeException(abbreviate(text), "no string 'type'");
        }
        return new ClientFrame(type.getString(), object);
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64);
    }
}
