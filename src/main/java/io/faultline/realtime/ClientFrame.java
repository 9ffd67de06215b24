package io.faultline.realtime;

import jakarta.json.JsonObject;

/** A frame a client sent: its {@code type} and the whole JSON object. */
public record ClientFrame(String type, JsonObject body) {
}
