package io.faultline.health;

/**
 * Fired once, synchronously, when the schema exists; observers do their startup data work
 * (such as the admin account) before the application reports started and ready.
 */
public record SchemaReady() {
}
