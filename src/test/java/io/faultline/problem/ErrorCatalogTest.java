package io.faultline.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog holds the contract's codes, is consistent, and every code in it is raised somewhere. */
class ErrorCatalogTest {

    private static final Path SOURCES = Path.of("src/main/java");

    /** The catalog of contract section 1: code and status. */
    private static final Map<String, Integer> CONTRACT = Map.ofEntries(
            Map.entry("PARSE_ERROR", 400), Map.entry("INVALID_PARAMETER", 400), Map.entry("UNAUTHENTICATED", 401),
            Map.entry("AUTHENTICATION_FAILED", 401), Map.entry("PERMISSION_DENIED", 403), Map.entry("NOT_FOUND", 404),
            Map.entry("METHOD_NOT_ALLOWED", 405), Map.entry("NOT_ACCEPTABLE", 406), Map.entry("CONFLICT", 409),
            Map.entry("ALREADY_EXISTS", 409), Map.entry("PAYLOAD_TOO_LARGE", 413), Map.entry("UNSUPPORTED_MEDIA_TYPE", 415),
            Map.entry("VALIDATION_ERROR", 422), Map.entry("RATE_LIMITED", 429), Map.entry("INTERNAL_ERROR", 500),
            Map.entry("EXTERNAL_SERVICE_ERROR", 502), Map.entry("SERVICE_UNAVAILABLE", 503),
            Map.entry("DATABASE_UNAVAILABLE", 503), Map.entry("TIMEOUT", 504));

    @Test
    void theCatalogHoldsEveryCodeOfTheContractWithItsStatus() {
        Map<String, Integer> catalog = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            catalog.put(code.name(), code.status());
        }
        Map<String, Integer> missingOrWrong = new TreeMap<>(CONTRACT);
        missingOrWrong.entrySet().removeIf(entry -> entry.getValue().equals(catalog.get(entry.getKey())));
        assertEquals(Map.of(), missingOrWrong, "contract codes missing from the catalog, or with another status");
    }

    @Test
    void theCatalogIsConsistent() {
        assertEquals(List.of(), ErrorCode.inconsistencies());
    }

    /**
     * Raised means named outside the catalog itself: {@link ErrorCode#forStatus} only maps a
     * bare status to a code, and would make a code that nothing raises look used.
     */
    @Test
    void everyCatalogCodeIsRaisedByTheCodeBase() throws IOException {
        String code = sourcesExcept("ErrorCode.java");
        List<ErrorCode> unused = new ArrayList<>();
        for (ErrorCode errorCode : ErrorCode.values()) {
            if (!Pattern.compile("\\b" + errorCode.name() + "\\b").matcher(code).find()) {
                unused.add(errorCode);
            }
        }
        assertEquals(List.of(), unused, "catalog codes that nothing raises");
    }

    @Test
    void kebabNamesRoundTrip() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code, ErrorCode.fromKebab(code.kebab()).orElseThrow());
        }
    }

    @Test
    void statusesMapToCodesWithThatStatus() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429, 500, 502, 503, 504}) {
            assertEquals(status, ErrorCode.forStatus(status).status(), "status " + status);
        }
    }

    private static String sourcesExcept(String excluded) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                if (!file.getFileName().toString().equals(excluded)) {
                    all.append(Files.readString(file)).append('\n');
                }
            }
        }
        return all.toString();
    }
}
