package io.faultline.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connected client: its identity, its subscription, and a bounded queue of frames sent
 * one at a time with asynchronous sends. A client that reads too slowly loses frames, never
 * slows anyone else: what does not fit is counted and announced in a {@code lagged} frame.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    private static final ServerFrameEncoder ENCODER = new ServerFrameEncoder();

    /** What a subscriber watches: project ids and levels, each empty for all. */
    record Filter(Set<Long> projects, Set<String> levels) {
        static final Filter NOTHING = new Filter(null, null);

        /** Whether a frame of the project and level is wanted; a null level (a notification) matches any. */
        boolean matches(long projectId, String level) {
            return projects != null && (projects.isEmpty() || projects.contains(projectId))
                    && (level == null || levels == null || levels.isEmpty() || levels.contains(level));
        }
    }

    final Session session;
    final String connectionId;
    final String correlationId;
    final String user;
    private final int capacity;
    private final FeedMetrics metrics;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private final FrameRate rate;
    private volatile Filter filter = Filter.NOTHING;
    private boolean sending;
    private long dropped;

    Subscriber(Session session, String connectionId, String correlationId, String user, FeedConfig config,
               FeedMetrics metrics) {
        this.session = session;
        this.connectionId = connectionId;
        this.correlationId = correlationId;
        this.user = user;
        this.capacity = config.queueCapacity();
        this.metrics = metrics;
        this.rate = new FrameRate(config.framesPerSecond(), config.abuseLimit());
    }

    Filter filter() {
        return filter;
    }

    void filter(Filter filter) {
        this.filter = filter;
    }

    FrameRate rate() {
        return rate;
    }

    void send(ServerFrame frame) {
        offer(frame.type(), ENCODER.encode(frame));
    }

    /** Queues an encoded frame; if the queue is full the frame is dropped and counted. */
    synchronized void offer(String type, String text) {
        if (!session.isOpen()) {
            return;
        }
        if (queue.size() >= capacity) {
            dropped++;
            metrics.dropped(1);
            return;
        }
        queue.add(new Frame(type, text));
        if (!sending) {
            sendNext();
        }
    }

    /** Frames that were meant for this client but never reached its queue: announced as lagged. */
    synchronized void lost(int frames) {
        dropped += frames;
        metrics.dropped(frames);
    }

    private void sendNext() {
        Frame next;
        if (dropped > 0) {
            next = new Frame("lagged", ENCODER.encode(ServerFrame.lagged(dropped)));
            dropped = 0;
        } else {
            next = queue.poll();
        }
        if (next == null || !session.isOpen()) {
            sending = false;
            return;
        }
        sending = true;
        try {
            session.getAsyncRemote().sendText(next.text(), result -> {
                synchronized (this) {
                    if (result.isOK()) {
                        metrics.sent(next.type());
                    } else {
                        // A server may refuse a send when its own write queue is full: the
                        // client is too slow, and the frame is lost like one that did not fit.
                        LOG.log(Level.FINE, "A frame to " + connectionId + " was not delivered", result.getException());
                        dropped++;
                        metrics.dropped(1);
                    }
                    sendNext();
                }
            });
        } catch (IllegalStateException | IllegalArgumentException e) {
            sending = false;
            LOG.log(Level.FINE, "Cannot send to " + connectionId, e);
        }
    }

    private record Frame(String type, String text) {
    }

    void close(CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing " + connectionId + " failed", e);
        }
    }
}
