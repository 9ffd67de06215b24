package io.faultline.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Keeps every {@link Instant} in a {@code TIMESTAMP} column as its UTC date and time, to the
 * microsecond (what H2 and PostgreSQL hold), whatever the server's time zone. Without it the
 * persistence provider's H2 and PostgreSQL platforms store an {@code Instant} as a serialized
 * Java object: unreadable in SQL and ordered only by accident.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, LocalDateTime> {

    @Override
    public LocalDateTime convertToDatabaseColumn(Instant instant) {
        return utc(instant);
    }

    @Override
    public Instant convertToEntityAttribute(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** The column value of an instant, for statements written by hand ({@code setObject}). */
    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
