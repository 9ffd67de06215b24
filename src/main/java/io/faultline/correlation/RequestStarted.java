package io.faultline.correlation;

/** Fired synchronously when the WAR starts serving a request, on the serving thread. */
public record RequestStarted(RequestContext context) {
}
