package io.faultline.logging;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes Faultline's log records as JSON lines to the process's standard output (the file
 * descriptor itself, so no server reformats them) and, if configured, to a file. Each line is
 * written and flushed whole, so concurrent records never interleave.
 */
public class JsonLogHandler extends Handler {

    private final OutputStream stdout;
    private final OutputStream file;

    public JsonLogHandler(boolean toStdout, Path toFile) throws IOException {
        setFormatter(new JsonLogFormatter());
        stdout = toStdout ? new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192) : null;
        if (toFile != null) {
            if (toFile.getParent() != null) {
                Files.createDirectories(toFile.getParent());
            }
            file = new BufferedOutputStream(Files.newOutputStream(toFile,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), 8192);
        } else {
            file = null;
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line;
        try {
            line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError("Cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        synchronized (this) {
            write(stdout, line);
            write(file, line);
        }
    }

    private void write(OutputStream sink, byte[] line) {
        if (sink == null) {
            return;
        }
        try {
            sink.write(line);
            sink.flush();
        } catch (IOException e) {
            reportError("Cannot write a log record", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public synchronized void flush() {
        // every record is flushed as it is written
    }

    /** Closes the file; standard output belongs to the process and stays open. */
    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                reportError("Cannot close the log file", e, ErrorManager.CLOSE_FAILURE);
            }
        }
    }
}
