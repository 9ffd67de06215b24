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
    private CloseReason closing;

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
        if (!session.isOpen() || closing != null) {
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

    /** Sends the next frame; returns the reason to close with once nothing is left and a close is due. */
    private CloseReason sendNext() {
        Frame next;
        if (dropped > 0) {
            next = new Frame("lagged", ENCODER.encode(ServerFrame.lagged(dropped)));
            dropped = 0;
        } else {
            next = queue.poll();
        }
        if (next == null || !session.isOpen()) {
            sending = false;
            return closing;
        }
        sending = true;
        try {
            session.getAsyncRemote().sendText(next.text(), result -> {
                CloseReason closeWith;
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
                    closeWith = sendNext();
                }
                if (closeWith != null) {
                    close(closeWith.getCloseCode(), closeWith.getReasonPhrase());
                }
            });
        } catch (IllegalStateException | IllegalArgumentException e) {
            sending = false;
            LOG.log(Level.FINE, "Cannot send to " + connectionId, e);
            return closing;
        }
        return null;
    }

    private record Frame(String type, String text) {
    }

    /**
     * Closes the connection once the frames already queued have been sent, so that a client
     * reads why (an error frame) before the close; nothing more is queued from now on. False
     * when a close was already under way. Outside any lock: a close can call back at once.
     */
    boolean closeAfterQueued(CloseReason.CloseCode code, String reason) {
        boolean now;
        synchronized (this) {
            if (closing != null) {
                return false;
            }
            closing = new CloseReason(code, reason);
            now = !sending;
        }
        if (now) {
            close(code, reason);
        }
        return true;
    }

    /** Closes the connection now; nothing happens if it is closed already. */
    void close(CloseReason.CloseCode code, String reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "Closing " + connectionId + " failed", e);
        }
    }
}
