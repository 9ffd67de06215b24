package io.faultline.storage;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Keeps every {@link Instant} in a {@code TIMESTAMP} column, to the microsecond (what H2 and
 * PostgreSQL hold). Without it the persistence provider's H2 and PostgreSQL platforms store an
 * {@code Instant} as a serialized Java object: unreadable in SQL and ordered only by accident.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant instant) {
        return timestamp(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The column value of an instant, for statements written by hand. */
    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
