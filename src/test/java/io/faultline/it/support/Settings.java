package io.faultline.it.support;

/**
 * The settings every test server runs with. The pom gives them to the test JVM as environment
 * variables, as an operator would give them to a server, and the servers inherit them: the
 * tests read them from the same place.
 */
public final class Settings {

    public static final String ADMIN = "admin";
    /**
     * Given to each server as the system property faultline.admin.password (arquillian.xml,
     * OwnServer), not in the environment: a server of a test's own may have to run without one.
     */
    public static final String ADMIN_PASSWORD = requiredProperty("faultline.it.admin-password");
    public static final long SLOW_REQUEST_MS = Long.parseLong(required("FAULTLINE_LOG_SLOW_REQUEST_MS"));
    public static final long INGEST_BURST = Long.parseLong(required("FAULTLINE_INGEST_BURST"));
    public static final long INGEST_RATE = Long.parseLong(required("FAULTLINE_INGEST_RATE_PER_SECOND"));
    /** The live feed's bounds: events per frame, events replayed to a client that reconnects, bytes queued per client. */
    public static final int WS_EVENTS_PER_FRAME = Integer.parseInt(required("FAULTLINE_WS_MAX_EVENTS_PER_FRAME"));
    public static final int WS_MAX_REPLAY = Integer.parseInt(required("FAULTLINE_WS_MAX_REPLAY"));
    public static final long WS_QUEUE_BYTES = Long.parseLong(required("FAULTLINE_WS_QUEUE_BYTES"));
    public static final int MAX_ATTEMPTS = Integer.parseInt(required("FAULTLINE_WEBHOOK_MAX_ATTEMPTS"));
    /** The webhook sender's Fault Tolerance settings, through MicroProfile Config. */
    public static final String SENDER = "IO_FAULTLINE_ALERTING_WEBHOOKSENDER_SEND_";
    public static final long CIRCUIT_DELAY_MS = Long.parseLong(required(SENDER + "CIRCUITBREAKER_DELAY"));
    /** The time zone every test server runs in. */
    public static final String SERVER_TIME_ZONE = required("TZ");

    private Settings() {
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the integration tests with mvn verify");
        }
        return value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the integration tests with mvn verify");
        }
        return value;
    }
}
