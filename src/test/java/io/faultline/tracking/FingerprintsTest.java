package io.faultline.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static JsonObject exception(String type, String function, int line, boolean inApp) {
        return Json.createObjectBuilder().add("message", "m" + line).add("exception", Json.createObjectBuilder()
                .add("type", type).add("stacktrace", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("function", "lib.call").add("line", line).add("inApp", false))
                        .add(Json.createObjectBuilder().add("function", function).add("module", "app").add("line", line)
                                .add("inApp", inApp)))).build();
    }

    @Test
    void givenFingerprintWins() {
        JsonObject a = Json.createObjectBuilder().add("message", "x").add("fingerprint", Json.createArrayBuilder().add("db")).build();
        JsonObject b = Json.createObjectBuilder().add("message", "y").add("fingerprint", Json.createArrayBuilder().add("db")).build();
        assertEquals(Fingerprints.of(a), Fingerprints.of(b));
    }

    @Test
    void exceptionTypeAndInAppFramesDecideNotLineNumbers() {
        assertEquals(Fingerprints.of(exception("IOError", "save", 10, true)), Fingerprints.of(exception("IOError", "save", 99, true)));
        assertNotEquals(Fingerprints.of(exception("IOError", "save", 10, true)), Fingerprints.of(exception("IOError", "load", 10, true)));
        assertNotEquals(Fingerprints.of(exception("IOError", "save", 10, true)), Fingerprints.of(exception("KeyError", "save", 10, true)));
    }

    @Test
    void messagesAreMaskedOfNumbersAndIds() {
        assertEquals("user <id> timed out after <n> ms",
                Fingerprints.maskMessage("user 3f0c1d2e-1234-4abc-8def-0123456789ab timed out after 5000 ms"));
        JsonObject a = Json.createObjectBuilder().add("message", "order 42 failed").build();
        JsonObject b = Json.createObjectBuilder().add("message", "order 77 failed").build();
        assertEquals(Fingerprints.of(a), Fingerprints.of(b));
    }

    @Test
    void defaultInAGivenFingerprintStandsForTheDerivedOne() {
        JsonObject save = Json.createObjectBuilder(exception("IOError", "save", 10, true))
                .add("fingerprint", Json.createArrayBuilder().add("{{ default }}").add("tenant-a")).build();
        JsonObject saveElsewhere = Json.createObjectBuilder(exception("IOError", "save", 12, true))
                .add("fingerprint", Json.createArrayBuilder().add("{{default}}").add("tenant-a")).build();
        JsonObject load = Json.createObjectBuilder(exception("IOError", "load", 10, true))
                .add("fingerprint", Json.createArrayBuilder().add("{{ default }}").add("tenant-a")).build();
        JsonObject saveForB = Json.createObjectBuilder(exception("IOError", "save", 10, true))
                .add("fingerprint", Json.createArrayBuilder().add("{{ default }}").add("tenant-b")).build();
        assertEquals(Fingerprints.of(save), Fingerprints.of(saveElsewhere));
        assertNotEquals(Fingerprints.of(save), Fingerprints.of(load));
        assertNotEquals(Fingerprints.of(save), Fingerprints.of(saveForB));
        assertNotEquals(Fingerprints.of(save), Fingerprints.of(exception("IOError", "save", 10, true)));
    }
}
