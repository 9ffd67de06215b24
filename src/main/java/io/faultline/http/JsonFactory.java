package io.faultline.http;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Each static {@code jakarta.json.JSON.create…} call looks
 * the provider up again (a service lookup, with a class-loading exception on some runtimes):
 * on the intake path that cost more than storing the event.
 */
public final class JsonFactory {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonFactory() {
    }
}
