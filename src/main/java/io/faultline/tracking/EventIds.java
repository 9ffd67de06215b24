package io.faultline.tracking;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A client's own id of an event, as Sentry SDKs send it (32 hex digits) or as a UUID, kept in
 * one form, 32 lower-case hex digits, so that a retry matches whichever form it comes in.
 */
final class EventIds {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private EventIds() {
    }

    /** The id in its one form, or null when there is none or it is neither form. */
    static String normalized(String id) {
        if (id == null) {
            return null;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if (HEX32.matcher(lower).matches()) {
            return lower;
        }
        return UUID.matcher(lower).matches() ? lower.replace("-", "") : null;
    }
}
