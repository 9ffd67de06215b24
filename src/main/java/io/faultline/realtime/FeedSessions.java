package io.faultline.realtime;

import io.faultline.realtime.ServerFrame.FeedError;
import io.faultline.tracking.Committed;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open feed connections and what each one watches. Publishing only queues a frame on each
 * matching subscriber, so a slow or dead client never slows intake or the other clients.
 */
@ApplicationScoped
public class FeedSessions {

    static final CloseReason.CloseCode TOO_MANY_FRAMES = CloseReason.CloseCodes.getCloseCode(4429);
    private static final Logger LOG = Logger.getLogger(FeedSessions.class.getName());
    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info");
    /** The frame types a client may send; any other counts as {@code other}: a label never takes a client's text. */
    private static final Set<String> CLIENT_TYPES = Set.of("subscribe", "unsubscribe", "ping");

    /** Commits waiting for the fan-out thread; beyond that, frames are lost and announced as lagged. */
    private static final int FAN_OUT_BACKLOG = 1024;

    /** How long an abusive client has to read the frames queued before its close. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
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

    void open(Session session, String correlationId, String user) {
        Subscriber subscriber = new Subscriber(session, UUID.randomUUID().toString(), correlationId, user, config, metrics);
        subscribers.put(session.getId(), subscriber);
        metrics.opened();
        subscriber.send(ServerFrame.welcome(subscriber.connectionId, correlationId));
    }

    void closed(Session session, CloseReason reason) {
        if (subscribers.remove(session.getId()) != null) {
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
            error(subscriber, FeedError.RATE_LIMITED, "Too many frames; at most " + config.framesPerSecond() + " a second",
                    Map.of("limitPerSecond", config.framesPerSecond()));
            return;
        }
        switch (frame.type()) {
            case "ping" -> subscriber.send(ServerFrame.pong(frame.body().getString("id", null), subscriber.correlationId));
            case "subscribe" -> subscribe(subscriber, frame.body());
            case "unsubscribe" -> {
                subscriber.filter(Subscriber.Filter.NOTHING);
                subscriber.send(ServerFrame.subscribed("unsubscribed", JsonValue.EMPTY_JSON_OBJECT, subscriber.correlationId));
            }
            default -> error(subscriber, FeedError.UNKNOWN_MESSAGE_TYPE, "Unknown frame type; use subscribe, unsubscribe or ping",
                    Map.of("type", frame.type().length() > 40 ? frame.type().substring(0, 40) : frame.type()));
        }
    }

    void malformed(Session session, String reason) {
        Subscriber subscriber = subscribers.get(session.getId());
        if (subscriber != null) {
            metrics.received("malformed");
            error(subscriber, FeedError.MALFORMED_MESSAGE, "The frame is not a JSON object with a string 'type'",
                    Map.of("reason", reason));
        }
    }

    void tooBig(Session session) {
        Subscriber subscriber = subscribers.get(session.getId());
        if (subscriber != null) {
            metrics.error("MESSAGE_TOO_BIG");
            subscriber.close(CloseReason.CloseCodes.TOO_BIG, "frame larger than " + EventsEndpoint.MAX_FRAME + " bytes");
        }
    }

    void failed(Session session) {
        Subscriber subscriber = subscribers.get(session.getId());
        if (subscriber != null) {
            metrics.error(FeedError.INTERNAL_ERROR.name());
            subscriber.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "internal error");
        }
    }

    /** Queues a frame for every subscriber watching this project and level. */
    public void publish(long projectId, String level, String type, Supplier<String> frame) {
        String json = null;
        for (Subscriber subscriber : subscribers.values()) {
            if (subscriber.filter().matches(projectId, level)) {
                if (json == null) {
                    json = frame.get();
                }
                subscriber.offer(type, json);
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
            for (Subscriber subscriber : subscribers.values()) {
                int wanted = (int) committed.items().stream()
                        .filter(item -> subscriber.filter().matches(item.projectId(), item.level())).count();
                if (wanted > 0) {
                    subscriber.lost(wanted);
                }
            }
        }
    }

    private void fanOut() {
        while (running) {
            try {
                for (Committed.Item item : fanOut.take().items()) {
                    publish(item.projectId(), item.level(), item.type(), item.json());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not publish committed events to the live feed", e);
            }
        }
    }

    private void subscribe(Subscriber subscriber, JsonObject body) {
        Set<Long> projectIds = new HashSet<>();
        Set<String> levels = new HashSet<>();
        JsonValue projectList = body.getOrDefault("projects", JsonValue.EMPTY_JSON_ARRAY);
        JsonValue levelList = body.getOrDefault("levels", JsonValue.EMPTY_JSON_ARRAY);
        if (!(projectList instanceof JsonArray projectsArray) || !(levelList instanceof JsonArray levelsArray)) {
            error(subscriber, FeedError.VALIDATION_ERROR, "'projects' and 'levels' must be arrays of strings", Map.of());
            return;
        }
        Set<String> slugs = new HashSet<>();
        for (JsonValue value : projectsArray) {
            if (!(value instanceof JsonString slug)) {
                error(subscriber, FeedError.VALIDATION_ERROR, "'projects' must be an array of project slugs", Map.of());
                return;
            }
            slugs.add(slug.getString());
        }
        Map<String, Long> found = projects.idsOf(slugs);
        for (String slug : slugs) {
            if (!found.containsKey(slug)) {
                error(subscriber, FeedError.PERMISSION_DENIED, "You may not watch that project",
                        Map.of("project", slug.length() > 64 ? slug.substring(0, 64) : slug));
                return;
            }
        }
        projectIds.addAll(found.values());
        for (JsonValue value : levelsArray) {
            if (!(value instanceof JsonString level) || !LEVELS.contains(level.getString())) {
                error(subscriber, FeedError.VALIDATION_ERROR, "levels must be fatal, error, warning or info", Map.of());
                return;
            }
            levels.add(level.getString());
        }
        subscriber.filter(new Subscriber.Filter(Set.copyOf(projectIds), Set.copyOf(levels)));
        subscriber.send(ServerFrame.subscribed("subscribed", body, subscriber.correlationId));
    }

    private void error(Subscriber subscriber, FeedError code, String message, Map<String, ?> details) {
        metrics.error(code.name());
        subscriber.send(ServerFrame.error(code, message, details, subscriber.correlationId));
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
