package io.faultline.realtime;

import static io.faultline.http.JsonFactory.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * A control frame the server sends (welcome, pong, subscribed, lagged): each has a {@code type},
 * and those answering a client frame a correlation id. Events travel in {@link NewsFrame}s, errors
 * in {@link ErrorFrame}s.
 */
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

    /**
     * This instance stopped hearing the others for a while: at most {@code dropped} events were
     * committed meanwhile, any of which it could not pass on. A replay with {@code after} has them.
     */
    static ServerFrame laggedBehindCluster(long dropped) {
        return new ServerFrame(JSON.createObjectBuilder().add("type", "lagged").add("dropped", dropped)
                .add("reason", "cluster").build());
    }

    static ServerFrame lagged(long dropped) {
        return new ServerFrame(JSON.createObjectBuilder().add("type", "lagged").add("dropped", dropped).build());
    }
}
