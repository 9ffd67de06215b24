package io.faultline.logging;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Structured log records: a message plus named fields that become top-level JSON members. */
public final class LogFields {

    private LogFields() {
    }

    public static void log(Logger logger, Level level, String message, Map<String, ?> fields) {
        if (logger.isLoggable(level)) {
            LogRecord record = new LogRecord(level, message);
            record.setLoggerName(logger.getName());
            // Named here, or a handler that asks for the source walks the stack to find it: at
            // WARNING (every 4xx access-log line) the server's own logging does. A record with a
            // source class named has no caller to infer; it has no method to name.
            record.setSourceClassName(logger.getName());
            record.setParameters(new Object[] {fields});
            logger.log(record);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, ?> of(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> map) {
            return (Map<String, ?>) map;
        }
        return null;
    }
}
