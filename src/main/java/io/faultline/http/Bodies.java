package io.faultline.http;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads a request body that may be compressed ({@code Content-Encoding: gzip} or
 * {@code deflate}), bounded after decompression too: a small body that inflates beyond the limit
 * is a 413 once the limit is crossed, never a buffer of its full size. Open Liberty's HTTP
 * transport decodes gzip and deflate bodies itself before the application reads them, Payara's
 * does not: a body is decoded here only if it still starts with its encoding's signature.
 */
public final class Bodies {

    private Bodies() {
    }

    public static byte[] read(InputStream body, String contentEncoding, long limit) {
        if (body == null) {
            return new byte[0];
        }
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        try {
            InputStream decoded = switch (encoding) {
                case "", "identity" -> body;
                case "gzip", "x-gzip" -> gzipped(body);
                case "deflate" -> deflated(body);
                default -> throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Encoding must be gzip, deflate or none");
            };
            try (InputStream bounded = new LimitedInputStream(decoded, limit)) {
                return bounded.readAllBytes();
            }
        } catch (IOException e) {
            if (encoding.isEmpty() || encoding.equals("identity")) {
                throw new UncheckedIOException(e);
            }
            // Whether this code or the server's transport decoded it: the body is not what it claims.
            throw new ProblemException(ErrorCode.PARSE_ERROR, "The body is not valid " + encoding + " data");
        }
    }

    private static InputStream gzipped(InputStream body) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(body, 2);
        byte[] signature = peek.readNBytes(2);
        peek.unread(signature);
        boolean encoded = signature.length == 2 && (signature[0] & 0xff) == 0x1f && (signature[1] & 0xff) == 0x8b;
        return encoded ? new GZIPInputStream(peek, 8192) : peek;
    }

    /** A zlib stream (RFC 1950), as HTTP's deflate is: method 8, and a header that is a multiple of 31. */
    private static InputStream deflated(InputStream body) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(body, 2);
        byte[] header = peek.readNBytes(2);
        peek.unread(header);
        boolean encoded = header.length == 2 && (header[0] & 0x0f) == 8
                && (((header[0] & 0xff) << 8) | (header[1] & 0xff)) % 31 == 0;
        return encoded ? new InflaterInputStream(peek) : peek;
    }
}
