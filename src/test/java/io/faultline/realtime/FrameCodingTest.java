package io.faultline.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The feed's registered encoders and decoders, on their own. */
class FrameCodingTest {

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void eventsAreJoinedIntoOneFrameOldestFirst() {
        String frame = new NewsFrameEncoder().encode(NewsFrame.events(List.of("{\"id\":\"1\"}", "{\"id\":\"2\",\"m\":\"a,]\"}")));
        JsonObject json = parse(frame);
        assertEquals("events", json.getString("type"));
        assertEquals(List.of("1", "2"), json.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("id")).toList());
        assertEquals("a,]", json.getJsonArray("events").getJsonObject(1).getString("m"));
    }

    @Test
    void aNotificationHasAFrameOfItsOwn() {
        JsonObject json = parse(new NewsFrameEncoder().encode(NewsFrame.notification("{\"kind\":\"new_group\"}")));
        assertEquals("notification", json.getString("type"));
        assertEquals("new_group", json.getJsonObject("notification").getString("kind"));
    }

    @Test
    void errorDetailsKeepTheirJsonTypes() throws Exception {
        JsonObject json = parse(new ErrorFrameEncoder().encode(new ErrorFrame(ErrorFrame.Code.RATE_LIMITED, "slow down",
                Map.of("limitPerSecond", 20, "project", "shop", "retry", true), "c-1")));
        JsonObject details = json.getJsonObject("details");
        assertEquals(JsonValue.ValueType.NUMBER, details.get("limitPerSecond").getValueType());
        assertEquals(20, details.getInt("limitPerSecond"));
        assertEquals("shop", details.getString("project"));
        assertTrue(details.getBoolean("retry"));
        assertEquals("RATE_LIMITED", json.getString("code"));
        assertEquals("c-1", json.getString("correlationId"));
    }

    @Test
    void theDecoderReadsAnObjectWithAStringType() throws Exception {
        ClientFrame frame = new ClientFrameDecoder().decode("{\"type\":\"ping\",\"id\":\"p\"}");
        assertEquals("ping", frame.type());
        assertEquals("p", frame.body().getString("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"type\":5}", "{}", "{\"type\":\"ping\"} trailing"})
    void anObjectItCannotReadIsADecodeException(String text) {
        assertTrue(new ClientFrameDecoder().willDecode(text));
        assertThrows(DecodeException.class, () -> new ClientFrameDecoder().decode(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"ping\"", "42", "", "   "})
    void whatIsNotAnObjectIsLeftToTheNextDecoderWhichRefusesIt(String text) {
        assertFalse(new ClientFrameDecoder().willDecode(text));
        assertTrue(new NotAFrameDecoder().willDecode(text));
        assertThrows(DecodeException.class, () -> new NotAFrameDecoder().decode(text));
    }

    @Test
    void anOversizedFrameIsRefusedAsTooLarge() {
        String text = "{\"type\":\"ping\",\"id\":\"" + "x".repeat(ClientFrameDecoder.MAX_FRAME) + "\"}";
        assertTrue(new ClientFrameDecoder().willDecode(text));
        DecodeException refused = assertThrows(DecodeException.class, () -> new ClientFrameDecoder().decode(text));
        assertInstanceOf(ClientFrameDecoder.FrameTooLarge.class, refused);
        assertTrue(refused.getText().length() <= 64);
    }
}
