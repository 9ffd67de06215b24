package io.faultline.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrubberTest {

    @ParameterizedTest
    @CsvSource({"api_key, true", "apiKey, true", "X-Auth-Token, true", "password, true", "Authorization, true",
        "author, false", "keyboard, false", "monkey, false", "title, false"})
    void valuesUnderSensitiveKeysAreFiltered(String key, boolean filtered) {
        Scrubber scrubber = new Scrubber();
        JsonObject out = (JsonObject) scrubber.scrub(Json.createObjectBuilder().add(key, "value-1").build());
        assertEquals(filtered ? Scrubber.FILTERED : "value-1", out.getString(key));
        assertEquals(filtered ? 1 : 0, scrubber.filtered());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"extra\":{\"api_key\":[\"k-1\"]}}                | /extra/api_key   | 1",
        "{\"tags\":{\"password\":{\"a\":\"b\"}}}              | /tags/password   | 1",
        "{\"session\":{\"id\":\"s\",\"token\":\"t\"}}          | /session         | 1",
        "{\"a\":[{\"secret\":[1,2,{\"b\":\"c\"}]}]}            | /a/0/secret      | 1",
        "{\"token\":true}                                | /token           | 1",
        "{\"token\":null}                                | /token           | 0"})
    void sensitiveKeysFilterWhateverTheirValueHolds(String json, String pointer, int filtered) {
        Scrubber scrubber = new Scrubber();
        JsonObject out = (JsonObject) scrubber.scrub(Json.createReader(new java.io.StringReader(json)).readObject());
        JsonValue value = out.getValue(pointer);
        assertEquals(filtered == 1 ? Json.createValue(Scrubber.FILTERED) : JsonValue.NULL, value, out::toString);
        assertEquals(filtered, scrubber.filtered());
    }

    @Test
    void cardNumbersPassingLuhnAreFilteredWherever() {
        Scrubber scrubber = new Scrubber();
        String out = scrubber.scrubText("paid with 4111 1111 1111 1111 and 4111-1111-1111-1112, order 1234567890123");
        assertFalse(out.contains("4111 1111 1111 1111"), out);
        assertTrue(out.contains("4111-1111-1111-1112"), "a number failing Luhn is kept: " + out);
        assertTrue(out.contains("1234567890123"), out);
        assertEquals(1, scrubber.filtered());
    }

    @Test
    void pemPrivateKeysAreFiltered() {
        Scrubber scrubber = new Scrubber();
        String out = scrubber.scrubText("config: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- end");
        assertEquals("config: [Filtered] end", out);
        assertEquals(1, scrubber.filtered());
    }

    @Test
    void nestedValuesAreScrubbedAndCounted() {
        JsonObject event = Json.createObjectBuilder()
                .add("message", "card 5500 0000 0000 0004 declined")
                .add("tags", Json.createObjectBuilder().add("session_id", "abc").add("region", "eu"))
                .add("request", Json.createObjectBuilder().add("headers", Json.createObjectBuilder().add("Cookie", "s=1")))
                .build();
        Scrubber scrubber = new Scrubber();
        JsonObject out = (JsonObject) scrubber.scrub(event);
        assertEquals(3, scrubber.filtered());
        assertEquals("eu", out.getJsonObject("tags").getString("region"));
        assertEquals(Scrubber.FILTERED, out.getJsonObject("request").getJsonObject("headers").getString("Cookie"));
    }
}
