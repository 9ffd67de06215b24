package io.faultline.it.support;

import java.util.UUID;

/** Creates projects through the API, as an admin. */
public final class Projects {

    private Projects() {
    }

    /** The slug of the project an ingest key belongs to, found by the key's prefix. */
    public static String slugOf(Http http, String key) {
        return http.get("/api/projects", "Authorization", Http.admin()).json().getJsonArray("items")
                .getValuesAs(jakarta.json.JsonObject.class).stream()
                .filter(p -> key.startsWith(p.getString("keyPrefix")))
                .findFirst().orElseThrow().getString("slug");
    }

    /** A new project's ingest key. */
    public static String newProjectKey(Http http, String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Reply reply = http.postJson("/api/projects", "{\"slug\":\"" + slug + "\",\"name\":\"" + prefix + "\"}",
                "Authorization", Http.admin());
        if (reply.status() != 201) {
            throw new AssertionError("cannot create a project: " + reply);
        }
        return reply.json().getString("key");
    }
}
