package io.faultline.correlation;

import java.util.concurrent.Callable;

/**
 * What Faultline knows about the request a thread is serving: its correlation id, the matched
 * route and the error code it answered with. Bound to the serving thread by
 * {@link CorrelationFilter} and carried into async work by {@link #wrap(Runnable)}.
 */
public final class RequestContext {

    /** The request attribute that holds the context, for error dispatches after the filter. */
    public static final String ATTRIBUTE = RequestContext.class.getName();
    public static final String UNMATCHED = "UNMATCHED";

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private final String correlationId;
    private final String method;
    private final String path;
    private final long startNanos;
    private volatile String route = UNMATCHED;
    private volatile String errorCode;

    public RequestContext(String correlationId, String method, String path, long startNanos) {
        this.correlationId = correlationId;
        this.method = method;
        this.path = path;
        this.startNanos = startNanos;
    }

    /** A context for work that no request started (schedulers, startup). */
    public static RequestContext background(String what) {
        return new RequestContext(CorrelationIds.newId(), "-", what, System.nanoTime());
    }

    public static RequestContext current() {
        return CURRENT.get();
    }

    /** The current correlation id, or null on a thread that serves no request. */
    public static String currentCorrelationId() {
        RequestContext context = CURRENT.get();
        return context == null ? null : context.correlationId;
    }

    /** Binds this context to the calling thread; closing the scope restores what was there. */
    public Scope bind() {
        RequestContext previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Wraps a task so that it runs under the caller's context, whichever thread runs it. */
    public static Runnable wrap(Runnable task) {
        RequestContext context = CURRENT.get();
        if (context == null) {
            return task;
        }
        return () -> {
            try (Scope ignored = context.bind()) {
                task.run();
            }
        };
    }

    public static <T> Callable<T> wrap(Callable<T> task) {
        RequestContext context = CURRENT.get();
        if (context == null) {
            return task;
        }
        return () -> {
            try (Scope ignored = context.bind()) {
                return task.call();
            }
        };
    }

    public String correlationId() {
        return correlationId;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public long startNanos() {
        return startNanos;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public String route() {
        return route;
    }

    public void route(String route) {
        this.route = route;
    }

    public String errorCode() {
        return errorCode;
    }

    public void errorCode(String errorCode) {
        this.errorCode = errorCode;
    }

    /** An {@link AutoCloseable} that does not throw. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
