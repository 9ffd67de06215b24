package io.faultline.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads the JSON log the server wrote; every line must be one JSON object. */
public final class ServerLog {

    private final Server server;

    public ServerLog(Server server) {
        this.server = server;
    }

    public List<String> rawLines() {
        try {
            return Files.exists(server.logFile())
                    ? Files.readAllLines(server.logFile(), StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<JsonObject> records() {
        List<JsonObject> records = new ArrayList<>();
        for (String line : rawLines()) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                records.add(reader.readObject());
            } catch (RuntimeException e) {
                throw new AssertionError("log line is not one JSON object: " + line, e);
            }
        }
        return records;
    }

    /** The records of one correlation id, waiting until at least one matches {@code until}. */
    public List<JsonObject> await(String correlationId, Predicate<List<JsonObject>> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonObject> found = List.of();
        while (System.nanoTime() < deadline) {
            found = records().stream()
                    .filter(r -> r.containsKey("correlationId") && !r.isNull("correlationId")
                            && correlationId.equals(r.getString("correlationId")))
                    .toList();
            if (until.test(found)) {
                return found;
            }
            Await.pause(100);
        }
        throw new AssertionError("no log records for " + correlationId + " matched; found " + found);
    }

    /** The access-log record of one correlation id. */
    public JsonObject accessRecord(String correlationId) {
        return await(correlationId, rs -> rs.stream().anyMatch(ServerLog::isAccess)).stream()
                .filter(ServerLog::isAccess).findFirst().orElseThrow();
    }

    static boolean isAccess(JsonObject record) {
        return "io.faultline.access".equals(record.getString("logger", ""));
    }
}
