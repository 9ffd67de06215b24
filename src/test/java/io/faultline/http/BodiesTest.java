package io.faultline.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.PayloadTooLarge;
import io.faultline.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodiesTest {

    private static final byte[] JSON = "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    private interface Encoder {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] encode(byte[] data, Encoder encoder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encoded = encoder.wrap(out)) {
            encoded.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] read(byte[] body, String encoding, long limit) {
        return Bodies.read(new ByteArrayInputStream(body), encoding, limit);
    }

    @Test
    void gzipDeflateAndPlainBodiesReadTheSame() throws IOException {
        assertArrayEquals(JSON, read(encode(JSON, GZIPOutputStream::new), "gzip", 1024));
        assertArrayEquals(JSON, read(encode(JSON, DeflaterOutputStream::new), "deflate", 1024));
        assertArrayEquals(JSON, read(JSON, null, 1024));
        assertArrayEquals(JSON, read(JSON, "identity", 1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate"})
    void aBodyTheServerAlreadyDecodedIsTakenAsItIs(String encoding) {
        assertArrayEquals(JSON, read(JSON, encoding, 1024));
    }

    @Test
    void theLimitHoldsAfterDecompression() throws IOException {
        byte[] bomb = encode(new byte[10 * 1024 * 1024], GZIPOutputStream::new);
        assertEquals(true, bomb.length < 64 * 1024);
        assertThrows(PayloadTooLarge.class, () -> read(bomb, "gzip", 64 * 1024));
        assertThrows(PayloadTooLarge.class, () -> read(encode(new byte[100_000], DeflaterOutputStream::new), "deflate", 64 * 1024));
    }

    @Test
    void aTruncatedGzipBodyIsAParseErrorAndAnUnknownEncodingUnsupported() throws IOException {
        byte[] gzip = encode(JSON, GZIPOutputStream::new);
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length / 2);
        assertEquals(ErrorCode.PARSE_ERROR, assertThrows(ProblemException.class, () -> read(truncated, "gzip", 1024)).code());
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                assertThrows(ProblemException.class, () -> read(JSON, "br", 1024)).code());
    }
}
