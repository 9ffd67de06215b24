package io.faultline.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Sees each commit of the intake writer as it announces it, on the writer's own thread, and can
 * hold that thread there: while closed, the next commit of the watched project waits, and the
 * writer with it.
 */
@ApplicationScoped
public class CommitGate {

    private final List<Integer> batches = new CopyOnWriteArrayList<>();
    private volatile long project = -1;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void committed(@Observes Committed commit) throws InterruptedException {
        long events = commit.items().stream().filter(i -> i.projectId() == project && i.type().equals("event")).count();
        if (events > 0) {
            batches.add((int) events);
            gate.await(60, TimeUnit.SECONDS);
        }
    }

    /** Watches a project's commits from now on: the events of each, one entry per commit. */
    public List<Integer> watch(long projectId) {
        batches.clear();
        project = projectId;
        return batches;
    }

    public void close() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }
}
