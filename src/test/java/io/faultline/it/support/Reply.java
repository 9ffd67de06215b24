package io.faultline.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A response as the tests see it: status, headers (case-insensitive) and body. */
public record Reply(int status, Map<String, List<String>> headers, String body) {

    public Reply {
        Map<String, List<String>> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        insensitive.putAll(headers);
        headers = insensitive;
    }

    public String header(String name) {
        return Optional.ofNullable(headers.get(name)).filter(v -> !v.isEmpty()).map(v -> v.get(0)).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    public JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
        }
    }

    public JsonArray jsonArray() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }

    @Override
    public String toString() {
        return status + " " + headers + "\n" + body;
    }
}
