package io.faultline.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog and the code base agree: every code is emitted somewhere, every status is unique per code. */
class ErrorCatalogTest {

    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyCatalogCodeIsEmittedByTheCodeBase() throws IOException {
        String code = sourcesExcept("ErrorCode.java") + forStatusBody();
        List<ErrorCode> unused = new ArrayList<>();
        for (ErrorCode errorCode : ErrorCode.values()) {
            if (!Pattern.compile("\\b" + errorCode.name() + "\\b").matcher(code).find()) {
                unused.add(errorCode);
            }
        }
        assertEquals(List.of(), unused, "catalog codes that nothing emits");
    }

    @Test
    void everyCodeTheCodeBaseNamesIsInTheCatalog() throws IOException {
        Set<String> catalog = Stream.of(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        var named = Pattern.compile("ErrorCode\\.([A-Z_]+)\\b").matcher(sourcesExcept("ErrorCode.java"));
        while (named.find()) {
            assertTrue(catalog.contains(named.group(1)), named.group(1));
        }
    }

    @Test
    void kebabNamesRoundTrip() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code, ErrorCode.fromKebab(code.kebab()).orElseThrow());
            assertTrue(code.status() >= 400 && code.status() < 600);
        }
    }

    @Test
    void statusesMapToCodesWithThatStatus() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429, 500, 502, 503, 504}) {
            assertEquals(status, ErrorCode.forStatus(status).status(), "status " + status);
        }
    }

    private static String forStatusBody() throws IOException {
        String source = Files.readString(SOURCES.resolve("io/faultline/problem/ErrorCode.java"));
        int start = source.indexOf("public static ErrorCode forStatus");
        return source.substring(start, source.indexOf("public static Optional<ErrorCode> fromKebab"));
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
