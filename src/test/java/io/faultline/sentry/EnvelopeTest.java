package io.faultline.sentry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

    private static Envelope parse(String text) {
        return Envelope.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void itemsWithAndWithoutLengthFollowTheHeader() {
        Envelope envelope = parse("""
                {"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","dsn":"https://k@h/1"}
                {"type":"attachment","length":11,"filename":"a.txt"}
                line1
                line
                {"type":"event"}
                {"message":"hello","level":"error"}
                {"type":"session","length":2}
                {}
                """);
        assertEquals("9ec79c33ec9942ab8353589fcb2e04dc", envelope.header().getString("event_id"));
        assertEquals(List.of("attachment", "event", "session"), envelope.items().stream().map(Envelope.Item::type).toList());
        assertArrayEquals("line1\nline\n".substring(0, 11).getBytes(StandardCharsets.UTF_8), envelope.items().get(0).payload());
        assertEquals("hello", envelope.items().get(1).json().asJsonObject().getString("message"));
        assertEquals("{}", new String(envelope.items().get(2).payload(), StandardCharsets.UTF_8));
    }

    @Test
    void theLastItemMayEndWithoutANewline() {
        Envelope envelope = parse("{}\n{\"type\":\"event\",\"length\":2}\n{}");
        assertEquals(1, envelope.items().size());
        assertEquals("{}", new String(envelope.items().get(0).payload(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json\n", "[]\n", "{}\n{\"length\":2}\n{}", "{}\n{\"type\":\"event\",\"length\":99}\n{}",
        "{}\n{\"type\":\"event\",\"length\":-1}\n{}", "{}\n{\"type\":\"event\",\"length\":1.5}\n{}", "{}\n{\"type\":\"event\"\n"})
    void whatIsNoEnvelopeIsAParseError(String body) {
        ProblemException problem = assertThrows(ProblemException.class, () -> parse(body));
        assertEquals(ErrorCode.PARSE_ERROR, problem.code());
    }
}
