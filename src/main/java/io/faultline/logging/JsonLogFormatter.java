package io.faultline.logging;

import static io.faultline.http.JsonFactory.JSON;

import io.faultline.correlation.RequestContext;
import jakarta.json.stream.JsonGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code timestamp}, {@code level}, {@code logger}, {@code message},
 * {@code correlationId}, then the record's structured fields (a {@code Map} as its only
 * parameter, see {@link LogFields}), then the exception if there is one.
 */
public class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject()
                    .write("timestamp", record.getInstant().truncatedTo(ChronoUnit.MILLIS).toString())
                    .write("level", level(record.getLevel()))
                    .write("logger", record.getLoggerName() == null ? "" : record.getLoggerName());
            Map<String, ?> fields = LogFields.of(record);
            json.write("message", fields == null ? formatMessage(record) : String.valueOf(record.getMessage()));
            Object correlationId = fields != null && fields.containsKey("correlationId")
                    ? fields.get("correlationId") : RequestContext.currentCorrelationId();
            writeValue(json, "correlationId", correlationId);
            if (fields != null) {
                fields.forEach((name, value) -> {
                    if (!name.equals("correlationId")) {
                        writeValue(json, name, value);
                    }
                });
            }
            if (record.getThrown() != null) {
                Throwable thrown = record.getThrown();
                StringWriter stack = new StringWriter();
                thrown.printStackTrace(new PrintWriter(stack));
                json.writeStartObject("exception")
                        .write("type", thrown.getClass().getName())
                        .write("message", String.valueOf(thrown.getMessage()))
                        .write("stackTrace", stack.toString())
                        .writeEnd();
            }
            json.writeEnd();
        }
        return line.append('\n').toString();
    }

    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        } else if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    private static void writeValue(JsonGenerator json, String name, Object value) {
        if (value == null) {
            json.writeNull(name);
        } else if (value instanceof Boolean b) {
            json.write(name, b);
        } else if (value instanceof Integer || value instanceof Long) {
            json.write(name, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.write(name, n.doubleValue());
        } else {
            json.write(name, value.toString());
        }
    }
}
