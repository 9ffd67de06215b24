package io.faultline.realtime;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

/** Writes an error frame; each detail as the JSON type of its value. */
public class ErrorFrameEncoder implements Encoder.Text<ErrorFrame> {

    @Override
    public String encode(ErrorFrame frame) throws EncodeException {
        JsonObjectBuilder details = JSON.createObjectBuilder();
        for (var detail : frame.details().entrySet()) {
            Object value = detail.getValue();
            if (value instanceof Integer || value instanceof Long) {
                details.add(detail.getKey(), ((Number) value).longValue());
            } else if (value instanceof Boolean flag) {
                details.add(detail.getKey(), flag);
            } else if (value instanceof String text) {
                details.add(detail.getKey(), text);
            } else {
                throw new EncodeException(frame, "a detail of type " + value.getClass().getSimpleName());
            }
        }
        return JSON.createObjectBuilder().add("type", "error").add("code", frame.code().name())
                .add("message", frame.message()).add("details", details)
                .add("correlationId", frame.correlationId()).build().toString();
    }
}
