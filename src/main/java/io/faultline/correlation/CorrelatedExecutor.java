package io.faultline.correlation;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * The server's managed executor, with the caller's correlation id carried into each task, so
 * that work a request hands off logs and propagates the same id.
 */
@ApplicationScoped
public class CorrelatedExecutor {

    @Resource
    ManagedExecutorService executor;

    public Future<?> submit(Runnable task) {
        return executor.submit(RequestContext.wrap(task));
    }

    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(RequestContext.wrap(task));
    }
}
