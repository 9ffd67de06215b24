package io.faultline.it.support;

import java.util.UUID;

/** Creates projects through the API, as an admin. */
public final class Projects {

    private Projects() {
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
