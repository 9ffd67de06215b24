package io.faultline.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A project's ingest key: 32 random bytes, shown once at creation. Only its SHA-256 is stored;
 * a key has the entropy of a secret, so a fast hash is enough, and intake can look keys up by
 * hash on every request.
 */
public record IngestKey(String value) {

    private static final String PREFIX = "fl_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static IngestKey generate() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return new IngestKey(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    public String hash() {
        return hashOf(value);
    }

    /** The first characters, enough for an operator to tell keys apart, useless to an attacker. */
    public String prefix() {
        return value.substring(0, Math.min(10, value.length()));
    }

    public static String hashOf(String presented) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(presented.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "IngestKey[" + prefix() + "...]";
    }
}
