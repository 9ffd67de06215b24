package io.faultline.tracking;

import io.faultline.problem.ErrorCode;
import io.faultline.problem.ProblemClassifier;
import io.faultline.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: request threads queue their reports and wait; one writer thread takes whole
 * reports as they are queued, up to {@code faultline.ingest.commit-batch} events, and stores them
 * in one transaction: a report's events are stored together or not at all.
 * A request is answered 202 only after the commit that holds its events. A full queue sheds
 * with 503 at once; a commit that does not come within {@code faultline.ingest.ack-timeout-ms}
 * is a 503 too: never a hang.
 */
@ApplicationScoped
public class EventWriter {

    private static final Logger LOG = Logger.getLogger(EventWriter.class.getName());

    @Inject
    IntakeConfig config;

    @Inject
    EventBatches batches;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Event<Committed> committed;

    /** Reports waiting for the writer, each whole: a report's events are committed together. */
    private final BlockingQueue<List<PendingEvent>> reports = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final KnownGroups knownGroups = new KnownGroups(KnownGroups.MAX);
    private volatile boolean running = true;
    private Thread writer;

    @PostConstruct
    void start() {
        writer = threads.newThread(this::drain);
        writer.setName("faultline-event-writer");
        writer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        writer.interrupt();
    }

    /** Queues the events and waits until they are committed. */
    public List<PendingEvent.Stored> store(List<PendingEvent> events) {
        synchronized (reports) {
            if (config.limits().queueCapacity() - queued.get() < events.size()) {
                throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Intake is saturated; retry shortly", Map.of(), List.of(), 1L);
            }
            queued.addAndGet(events.size());
            reports.add(List.copyOf(events));
        }
        List<PendingEvent.Stored> stored = new ArrayList<>(events.size());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.limits().ackTimeoutMs());
        for (PendingEvent event : events) {
            try {
                stored.add(event.stored().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The events were not stored in time; retry later", Map.of(), List.of(), 1L);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while storing events");
            }
        }
        return stored;
    }

    /** Events accepted and waiting for the writer. */
    int queued() {
        return queued.get();
    }

    private void drain() {
        List<PendingEvent> batch = new ArrayList<>(config.limits().commitBatch());
        while (running) {
            try {
                List<PendingEvent> first = reports.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.addAll(first);
                // Whole reports only, as many as fit in a commit; one larger report goes alone.
                for (List<PendingEvent> next = reports.peek();
                     next != null && batch.size() + next.size() <= config.limits().commitBatch(); next = reports.peek()) {
                    batch.addAll(reports.poll());
                }
                queued.addAndGet(-batch.size());
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<PendingEvent> batch) {
        commit(batch, true);
    }

    private void commit(List<PendingEvent> batch, boolean firstTry) {
        try {
            EventBatches.Result result = batches.persist(batch, knownGroups);
            knownGroups.putAll(result.createdGroups());
            for (PendingEvent pending : batch) {
                PendingEvent.Stored duplicate = result.duplicates().get(pending);
                pending.stored().complete(duplicate != null ? duplicate
                        : new PendingEvent.Stored(pending.event().id(), pending.event().groupId(), false));
            }
            announce(batch.stream().filter(p -> !result.duplicates().containsKey(p)).toList(), result.notifications());
        } catch (RuntimeException e) {
            knownGroups.clear();
            if (firstTry && ProblemClassifier.classify(e).code() == ErrorCode.ALREADY_EXISTS) {
                // Another instance stored the first event of one of these groups, or an event with
                // one of these ids, at the same moment: its rows are committed now, and found.
                commit(batch, false);
                return;
            }
            if (batch.size() > 1 && !isOutage(e)) {
                LOG.log(Level.WARNING, "Could not store a batch of " + batch.size() + " events; storing them one by one", e);
                batch.forEach(pending -> commit(List.of(pending), false));
                return;
            }
            LOG.log(Level.WARNING, "Could not store " + batch.size() + " event(s)", e);
            batch.forEach(pending -> pending.stored().completeExceptionally(e));
        }
    }

    /**
     * Whether the database itself failed, rather than one event: then every event fails at
     * once. Otherwise one bad event must not take the others of its batch down with it.
     */
    private static boolean isOutage(RuntimeException e) {
        ErrorCode code = ProblemClassifier.classify(e).code();
        return code == ErrorCode.DATABASE_UNAVAILABLE || code == ErrorCode.TIMEOUT;
    }

    /** Tells live viewers what was just committed; a failure here never touches intake. */
    private void announce(List<PendingEvent> batch, List<Notification> notifications) {
        try {
            List<Committed.Item> items = new ArrayList<>(batch.size() + notifications.size());
            for (PendingEvent pending : batch) {
                ErrorEvent event = pending.event();
                items.add(new Committed.Item(event.id, event.projectId, event.level, "event", () -> LiveEvents.json(event)));
            }
            for (Notification notification : notifications) {
                items.add(new Committed.Item(notification.id(), notification.projectId, null, "notification",
                        () -> notification.toJson().toString()));
            }
            committed.fire(new Committed(items));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not announce committed events", e);
        }
    }

    /** Creates the future an event's request waits on. */
    static CompletableFuture<PendingEvent.Stored> awaiting() {
        return new CompletableFuture<>();
    }
}
