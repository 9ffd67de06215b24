package io.faultline.problem;

import java.util.List;
import java.util.Map;

/** A resource that does not exist, e.g. {@code new ResourceNotFound("error-group", "42")}. */
public class ResourceNotFound extends ProblemException {

    public ResourceNotFound(String resource, String id) {
        super(ErrorCode.NOT_FOUND, describe(resource) + " " + id + " does not exist",
                Map.of("resource", resource, "id", id), List.of(), null);
    }

    private static String describe(String resource) {
        String words = resource.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
