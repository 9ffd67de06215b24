package io.faultline.realtime;

import io.faultline.cluster.ListenerReconnected;
import io.faultline.realtime.ErrorFrame.Code;
import io.faultline.realtime.Subscriber.News;
import io.faultline.tracking.Committed;
import io.faultline.tracking.LiveEvents;
import io.faultline.tracking.Projects;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The open feed connections and what each one watches, indexed by project. Each commit is fanned
 * out on a thread of its own: the clients interested are found through the index, each event is
 * encoded once, and each client gets the commit's news under one lock, so a slow or dead client
 * never slows intake or the other clients.
 */
@ApplicationScoped
public class FeedSessions {

    static final CloseReason.CloseCode TOO_MANY_FRAMES = CloseReason.CloseCodes.getCloseCode(4429);
    private static final Logger LOG = Logger.getLogger(FeedSessions.class.getName());
    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info");
    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,18}");
    /** The frame types a client may send; any other counts as {@code other}: a label never takes a client's text. */
    private static final Set<String> CLIENT_TYPES = Set.of("subscribe", "unsubscribe", "ping");

    /** Commits waiting for the fan-out thread; beyond that, frames are lost and announced as lagged. */
    private static final int FAN_OUT_BACKLOG = 1024;

    /** How long an abusive client has to read the frames queued before its close. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    /** Subscribers by the project they watch; those watching every project apart. Changed under {@link #indexLock}. */
    private final Map<Long, Set<Subscriber>> byProject = new ConcurrentHashMap<>();
    private final Set<Subscriber> everyProject = ConcurrentHashMap.newKeySet();
    private final Object indexLock = new Object();
    private final BlockingQueue<Committed> fanOut = new ArrayBlockingQueue<>(FAN_OUT_BACKLOG);
    private volatile boolean running = true;
    private Thread fanOutThread;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    FeedConfig config;

    @Inject
    FeedMetrics metrics;

    @Inject
    Projects projects;

    @Inject
    LiveEvents liveEvents;

    void open(Session session, String correlationId) {
        Subscriber subscriber = new Subscriber(session, UUID.randomUUID().toString(), correlationId, config, metrics);
        subscribers.put(session.getId(), subscriber);
        metrics.opened();
        subscriber.send(ServerFrame.welcome(subscriber.connectionId, correlationId));
    }

    void closed(Session session, CloseReason reason) {
        Subscriber subscriber = subscribers.remove(session.getId());
        if (subscriber != null) {
            index(subscriber, Subscriber.Filter.NOTHING);
            metrics.closed(reason.getCloseCode().getCode());
        }
    }

    /** Answers one client frame; errors are frames, and the connection stays open unless it abuses. */
    void handle(Session session, ClientFrame frame) {
        Subscriber subscriber = subscribers.get(session.getId());
        if (subscriber == null) {
            return;
        }
        metrics.received(CLIENT_TYPES.contains(frame.type()) ? frame.type() : "other");
        if (!subscriber.rate().allow()) {
            if (subscriber.rate().abusive()) {
                // Closed once the pongs and errors already queued are out, or after a grace period:
                // a client that floods and never reads would keep its queue from draining.
                if (subscriber.closeAfterQueued(TOO_MANY_FRAMES, "too many frames")) {
                    scheduler.schedule(() -> subscriber.close(TOO_MANY_FRAMES, "too many frames"),
                            CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
                }
                return;
            }
            error(subscriber, Code.RATE_LIMITED, "Too many frames; at most " + config.framesPerSecond() + " a second",
                    Map.of("limitPerSecond", config.framesPerSecond()));
            return;
        }
        switch (frame.type()) {
            case "ping" -> subscriber.send(ServerFrame.pong(frame.body().getString("id", null), subscriber.correlationId));
            case "subscribe" -> subscribe(subscriber, frame.body());
            case "unsubscribe" -> {
                index(subscriber, Subscriber.Filter.NOTHING);
                subscriber.send(ServerFrame.subscribed("unsubscribed", JsonValue.EMPTY_JSON_OBJECT, subscriber.correlationId));
            }
            default -> error(subscriber, Code.UNKNOWN_MESSAGE_TYPE, "Unknown frame type; use subscribe, unsubscribe or ping",
                    Map.of("type", frame.type().length() > 40 ? frame.type().substring(0, 40) : frame.type()));
        }
    }

    void malformed(Session session, String reason) {
        Subscriber subscriber = subscribers.get(session.getId());
        if (subscriber != null) {
            metrics.received("malformed");
            error(subscriber, Code.MALFORMED_MESSAGE, "The frame is not a JSON object with a string 'type'",
                    Map.of("reason", reason));
        }
    }

    void tooBig(Session session) {
        Subscriber subscriber = subscribers.get(session.getId());
        if (subscriber != null) {
            metrics.error("MESSAGE_TOO_BIG");
            subscriber.close(CloseReason.CloseCodes.TOO_BIG, "frame larger than " + ClientFrameDecoder.MAX_FRAME + " characters");
        }
    }

    void failed(Session session) {
        Subscriber subscriber = subscribers.get(session.getId());
        if (subscriber != null) {
            metrics.error(Code.INTERNAL_ERROR.name());
            subscriber.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error");
        }
    }

    /**
     * Finds, through the index, the subscribers that want each item of a commit, and gives each
     * its items together; an item's JSON is made once, and only if somebody wants it.
     */
    private void route(Committed commit, BiConsumer<Subscriber, List<News>> deliver) {
        Map<Subscriber, List<News>> due = new HashMap<>();
        for (Committed.Item item : commit.items()) {
            Set<Subscriber> watching = byProject.getOrDefault(item.projectId(), Set.of());
            if (watching.isEmpty() && everyProject.isEmpty()) {
                continue;
            }
            News news = null;
            for (Set<Subscriber> group : List.of(watching, everyProject)) {
                for (Subscriber subscriber : group) {
                    if (subscriber.filter().matchesLevel(item.level())) {
                        if (news == null) {
                            news = new News(item.id(), item.type(), item.json().get());
                        }
                        due.computeIfAbsent(subscriber, s -> new ArrayList<>()).add(news);
                    }
                }
            }
        }
        due.forEach(deliver);
    }

    /** Sets a subscriber's filter and its place in the index together. */
    private void index(Subscriber subscriber, Subscriber.Filter filter) {
        synchronized (indexLock) {
            if (filter != Subscriber.Filter.NOTHING && subscribers.get(subscriber.session.getId()) != subscriber) {
                return; // closed while its subscribe was handled: it must not stay in the index
            }
            Subscriber.Filter old = subscriber.filter();
            if (old.projects() != null) {
                if (old.projects().isEmpty()) {
                    everyProject.remove(subscriber);
                }
                for (Long project : old.projects()) {
                    Set<Subscriber> watching = byProject.get(project);
                    if (watching != null && watching.remove(subscriber) && watching.isEmpty()) {
                        byProject.remove(project);
                    }
                }
            }
            subscriber.filter(filter);
            if (filter.projects() != null) {
                if (filter.projects().isEmpty()) {
                    everyProject.add(subscriber);
                }
                for (Long project : filter.projects()) {
                    byProject.computeIfAbsent(project, p -> ConcurrentHashMap.newKeySet()).add(subscriber);
                }
            }
        }
    }

    /**
     * Hands a commit to the fan-out thread, so that the intake writer never waits for the feed.
     * When the fan-out falls a whole backlog behind, the commit's frames are lost to the clients
     * that wanted them, and each of them hears so in a {@code lagged} frame.
     */
    void onCommitted(@Observes Committed committed) {
        if (subscribers.isEmpty()) {
            return;
        }
        if (!fanOut.offer(committed)) {
            route(committed, (subscriber, news) -> subscriber.lost(news.size()));
        }
    }

    private void fanOut() {
        while (running) {
            try {
                route(fanOut.take(), Subscriber::offer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not publish committed events to the live feed", e);
            }
        }
    }

    /**
     * Announcements of other instances were missed while the listener reconnected: every
     * subscriber hears how many events were committed meanwhile, at most, and may replay them.
     */
    void lagged(@Observes ListenerReconnected reconnected) {
        if (subscribers.isEmpty()) {
            return;
        }
        long committed = liveEvents.countSince(reconnected.lostAt());
        subscribers.values().stream().filter(s -> s.filter().projects() != null)
                .forEach(s -> s.send(ServerFrame.laggedBehindCluster(committed)));
    }

    private void subscribe(Subscriber subscriber, JsonObject body) {
        Set<Long> projectIds = new HashSet<>();
        Set<String> levels = new HashSet<>();
        JsonValue projectList = body.getOrDefault("projects", JsonValue.EMPTY_JSON_ARRAY);
        JsonValue levelList = body.getOrDefault("levels", JsonValue.EMPTY_JSON_ARRAY);
        if (!(projectList instanceof JsonArray projectsArray) || !(levelList instanceof JsonArray levelsArray)) {
            error(subscriber, Code.VALIDATION_ERROR, "'projects' and 'levels' must be arrays of strings", Map.of());
            return;
        }
        Set<String> slugs = new HashSet<>();
        for (JsonValue value : projectsArray) {
            if (!(value instanceof JsonString slug)) {
                error(subscriber, Code.VALIDATION_ERROR, "'projects' must be an array of project slugs", Map.of());
                return;
            }
            slugs.add(slug.getString());
        }
        Map<String, Long> found = projects.idsOf(slugs);
        for (String slug : slugs) {
            if (!found.containsKey(slug)) {
                error(subscriber, Code.PERMISSION_DENIED, "You may not watch that project",
                        Map.of("project", slug.length() > 64 ? slug.substring(0, 64) : slug));
                return;
            }
        }
        projectIds.addAll(found.values());
        for (JsonValue value : levelsArray) {
            if (!(value instanceof JsonString level) || !LEVELS.contains(level.getString())) {
                error(subscriber, Code.VALIDATION_ERROR, "levels must be fatal, error, warning or info", Map.of());
                return;
            }
            levels.add(level.getString());
        }
        JsonValue afterValue = body.get("after");
        if (afterValue != null && !(afterValue instanceof JsonString id && EVENT_ID.matcher(id.getString()).matches())) {
            error(subscriber, Code.VALIDATION_ERROR, "'after' must be the id of an event, as a string", Map.of());
            return;
        }
        Subscriber.Filter filter = new Subscriber.Filter(Set.copyOf(projectIds), Set.copyOf(levels));
        if (afterValue == null) {
            index(subscriber, filter);
            subscriber.send(ServerFrame.subscribed("subscribed", body, subscriber.correlationId));
            return;
        }
        // Live news waits from before the filter is set until the replay is read: every event is
        // either committed in time for the replay's query or fanned out after the filter is set.
        subscriber.hold();
        index(subscriber, filter);
        subscriber.send(ServerFrame.subscribed("subscribed", body, subscriber.correlationId));
        replay(subscriber, Long.parseLong(((JsonString) afterValue).getString()), filter);
    }

    /** The events committed since {@code after} that the filter matches, ahead of the live ones. */
    private void replay(Subscriber subscriber, long after, Subscriber.Filter filter) {
        try {
            LiveEvents.Since since = liveEvents.since(after, filter.projects(), filter.levels(), config.maxReplay());
            subscriber.replayed(since.events().stream().map(e -> new News(e.id(), "event", e.json())).toList(),
                    since.skipped());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the events a live-feed client missed", e);
            subscriber.replayed(List.of(), 0);
            error(subscriber, Code.SERVICE_UNAVAILABLE, "The events since 'after' cannot be read now; live ones follow",
                    Map.of());
        }
    }

    private void error(Subscriber subscriber, Code code, String message, Map<String, ?> details) {
        metrics.error(code.name());
        subscriber.send(new ErrorFrame(code, message, details, subscriber.correlationId));
    }

    @PostConstruct
    void start() {
        fanOutThread = threads.newThread(this::fanOut);
        fanOutThread.setName("faultline-feed-fan-out");
        fanOutThread.start();
    }

    /** The server is going away: every client is told so with 1001. */
    @PreDestroy
    void shutdown() {
        running = false;
        fanOutThread.interrupt();
        LOG.info("Closing " + subscribers.size() + " live-feed connections: the server is going away");
        subscribers.values().forEach(s -> s.close(CloseReason.CloseCodes.GOING_AWAY, "server shutting down"));
    }
}
