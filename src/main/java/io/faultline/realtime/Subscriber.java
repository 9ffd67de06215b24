package io.faultline.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connected client: its identity, its subscription, and two queues of frames sent one at
 * a time with asynchronous sends. Answers to the client's own frames (welcome, pong,
 * subscribed, errors) have a queue of their own that goes first and never drops: the rate
 * limiter bounds how many a client can cause, and one that stops reading them is closed. Events
 * and notifications wait in a bounded queue: a client that reads too slowly loses them, never
 * slows anyone else; what does not fit is counted and announced in a {@code lagged} frame.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    private static final ServerFrameEncoder ENCODER = new ServerFrameEncoder();
    /**
     * Answers waiting for a client that does not read them. The rate limiter closes a client
     * after at most a few dozen answers in a burst; this many means it stopped reading.
     */
    static final int MAX_ANSWERS_WAITING = 256;

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
    private final ArrayDeque<Frame> answers = new ArrayDeque<>();
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

    /** Queues an answer to the client's own frames: sent before any event, never dropped. */
    void send(ServerFrame frame) {
        String text = ENCODER.encode(frame);
        synchronized (this) {
            if (!session.isOpen() || closing != null) {
                return;
            }
            if (answers.size() < MAX_ANSWERS_WAITING) {
                answers.add(new Frame(frame.type(), text));
                if (!sending) {
                    sendNext();
                }
                return;
            }
        }
        close(CloseReason.CloseCodes.VIOLATED_POLICY, "not reading its answers");
    }

    /** Queues an encoded event or notification; if the queue is full the frame is dropped and counted. */
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
        Frame next = nextFrame();
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

    /** Answers first, then the news of lost frames, then events. */
    private Frame nextFrame() {
        Frame answer = answers.poll();
        if (answer != null) {
            return answer;
        }
        if (dropped > 0) {
            Frame lagged = new Frame("lagged", ENCODER.encode(ServerFrame.lagged(dropped)));
            dropped = 0;
            return lagged;
        }
        return queue.poll();
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
