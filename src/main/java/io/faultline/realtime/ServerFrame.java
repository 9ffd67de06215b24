package io.faultline.realtime;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;

/** A frame the server sends; each has a {@code type}, and those answering a client frame a correlation id. */
public record ServerFrame(JsonObject body) {

    public String type() {
        return body.getString("type");
    }

    static ServerFrame welcome(String connectionId, String correlationId) {
        return new ServerFrame(JSON.createObjectBuilder().add("type", "welcome").add("connectionId", connectionId)
                .add("correlationId", correlationId).add("timestamp", Instant.now().toString()).build());
    }

    static ServerFrame pong(String id, String correlationId) {
        JsonObjectBuilder frame = JSON.createObjectBuilder().add("type", "pong").add("correlationId", correlationId);
        if (id != null) {
            frame.add("id", id);
        }
        return new ServerFrame(frame.build());
    }

    static ServerFrame subscribed(String kind, JsonObject filter, String correlationId) {
        return new ServerFrame(JSON.createObjectBuilder().add("type", kind).add("filter", filter)
                .add("correlationId", correlationId).build());
    }

    static ServerFrame lagged(long dropped) {
        return new ServerFrame(JSON.createObjectBuilder().add("type", "lagged").add("dropped", dropped).build());
    }

    /** An error frame: the connection stays open unless a close follows. */
    static ServerFrame error(FeedError code, String message, Map<String, ?> details, String correlationId) {
        JsonObjectBuilder detailJson = JSON.createObjectBuilder();
        details.forEach((k, v) -> detailJson.add(k, String.valueOf(v)));
        return new ServerFrame(JSON.createObjectBuilder().add("type", "error").add("code", code.name())
                .add("message", message).add("details", detailJson).add("correlationId", correlationId).build());
    }

    /** Error codes of the feed; where the HTTP catalog has the same meaning, the same name. */
    enum FeedError {
        MALFORMED_MESSAGE, UNKNOWN_MESSAGE_TYPE, VALIDATION_ERROR, PERMISSION_DENIED, RATE_LIMITED, INTERNAL_ERROR
    }
}
