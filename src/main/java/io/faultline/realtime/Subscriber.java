package io.faultline.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connected client: its identity, its subscription, and two queues, sent one frame at a time
 * with asynchronous sends. Control frames (welcome, pong, subscribed, errors, lagged) have a
 * queue of their own that goes first and never drops: the rate limiter bounds how many a client
 * can cause, and one that stops reading them is closed. Events and notifications wait only
 * while a send to the client is in flight, then leave together in one {@code events} frame: at
 * low load every event has a frame of its own, at high load frames grow instead of queues. Their
 * queue is bounded in bytes: a client that reads too slowly loses the oldest, announced in a
 * {@code lagged} frame, and never slows anyone else.
 */
final class Subscriber {

    private static final Logger LOG = Logger.getLogger(Subscriber.class.getName());
    /**
     * Control frames waiting for a client that does not read them. The rate limiter closes a
     * client after at most a few dozen answers in a burst; this many means it stopped reading.
     */
    static final int MAX_ANSWERS_WAITING = 256;

    /**
     * What a subscriber watches: project ids and levels, each empty for all; null projects for
     * nothing. The projects are matched through {@link FeedSessions}' index, the level here.
     */
    record Filter(Set<Long> projects, Set<String> levels) {
        static final Filter NOTHING = new Filter(null, null);

        /** Whether a frame of the level is wanted; a null level (a notification) matches any. */
        boolean matchesLevel(String level) {
            return level == null || levels == null || levels.isEmpty() || levels.contains(level);
        }
    }

    /** An event or a notification waiting for its frame: its id, and its JSON, shared by every client. */
    record News(long id, String type, String json) {
        boolean isEvent() {
            return "event".equals(type);
        }
    }

    final Session session;
    private final RemoteEndpoint.Async remote;
    final String connectionId;
    final String correlationId;
    private final long queueBytes;
    private final int maxEventsPerFrame;
    private final FeedMetrics metrics;
    private final ArrayDeque<Object> answers = new ArrayDeque<>();
    private final ArrayDeque<News> news = new ArrayDeque<>();
    private final FrameRate rate;
    private volatile Filter filter = Filter.NOTHING;
    private long newsBytes;
    private boolean sending;
    /** While a replay is read, news waits: it follows the replay, without what the replay holds. */
    private boolean holding;
    /**
     * The last event a replay held: an event is fanned out after its commit, so one the replay
     * read may still be on its way, and is not sent again.
     */
    private long replayedUpTo;
    private long dropped;
    private CloseReason closing;

    Subscriber(Session session, String connectionId, String correlationId, FeedConfig config,
               FeedMetrics metrics) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.connectionId = connectionId;
        this.correlationId = correlationId;
        this.queueBytes = config.queueBytes();
        this.maxEventsPerFrame = config.maxEventsPerFrame();
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

    /** Queues a control frame ({@link ServerFrame} or {@link ErrorFrame}): sent before any event, never dropped. */
    void send(Object frame) {
        synchronized (this) {
            if (!session.isOpen() || closing != null) {
                return;
            }
            if (answers.size() < MAX_ANSWERS_WAITING) {
                answers.add(frame);
                if (!sending) {
                    sendNext();
                }
                return;
            }
        }
        close(CloseReason.CloseCodes.VIOLATED_POLICY, "not reading its answers");
    }

    /**
     * Queues a commit's news for this client, under one lock. What a send takes at once no longer
     * counts; beyond the byte bound, the oldest of the rest are dropped and counted.
     */
    synchronized void offer(List<News> items) {
        if (!session.isOpen() || closing != null) {
            return;
        }
        for (News item : items) {
            if (item.isEvent() && item.id() <= replayedUpTo) {
                continue;
            }
            news.add(item);
            newsBytes += item.json().length();
        }
        if (!sending) {
            sendNext();
        }
        while (newsBytes > queueBytes && !news.isEmpty()) {
            newsBytes -= news.poll().json().length();
            dropped++;
            metrics.dropped(1);
        }
    }

    /** News that was meant for this client but never reached its queue: announced as lagged. */
    synchronized void lost(int items) {
        dropped += items;
        metrics.dropped(items);
    }

    /** From now on news waits for {@link #replayed}: a replay is being read. */
    synchronized void hold() {
        holding = true;
    }

    /**
     * The replay goes first, after a lagged frame for what did not fit in it; news that arrived
     * meanwhile follows, less the events the replay already holds (ids up to its last).
     */
    synchronized void replayed(List<News> replay, long skipped) {
        if (!replay.isEmpty()) {
            long last = replay.get(replay.size() - 1).id();
            replayedUpTo = last;
            news.removeIf(item -> {
                boolean repeated = item.isEvent() && item.id() <= last;
                if (repeated) {
                    newsBytes -= item.json().length();
                }
                return repeated;
            });
            for (int i = replay.size() - 1; i >= 0; i--) {
                news.addFirst(replay.get(i));
                newsBytes += replay.get(i).json().length();
            }
        }
        dropped += skipped;
        holding = false;
        if (!sending) {
            sendNext();
        }
    }

    /** Sends the next frame; returns the reason to close with once nothing is left and a close is due. */
    private CloseReason sendNext() {
        Object next = nextFrame();
        if (next == null || !session.isOpen()) {
            sending = false;
            return closing;
        }
        sending = true;
        try {
            remote.sendObject(next, result -> {
                CloseReason closeWith;
                synchronized (this) {
                    if (result.isOK()) {
                        metrics.sent(typeOf(next));
                    } else {
                        // A server may refuse a send when its own write queue is full: the
                        // client is too slow, and the events are lost like those that did not fit.
                        LOG.log(Level.FINE, "A frame to " + connectionId + " was not delivered", result.getException());
                        if (next instanceof NewsFrame lost) {
                            dropped += lost.items().size();
                            metrics.dropped(lost.items().size());
                        }
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

    /**
     * Control frames first, then the news of lost events, then news: a notification alone, or
     * the events waiting, up to the most a frame holds. Once a close is due, only control frames.
     */
    private Object nextFrame() {
        Object answer = answers.poll();
        if (answer != null) {
            return answer;
        }
        if (closing != null) {
            return null;
        }
        if (dropped > 0) {
            ServerFrame lagged = ServerFrame.lagged(dropped);
            dropped = 0;
            return lagged;
        }
        if (holding || news.isEmpty()) {
            return null;
        }
        News first = news.poll();
        newsBytes -= first.json().length();
        if (!first.isEvent()) {
            return NewsFrame.notification(first.json());
        }
        List<String> events = new ArrayList<>(Math.min(maxEventsPerFrame, news.size() + 1));
        events.add(first.json());
        while (events.size() < maxEventsPerFrame && !news.isEmpty() && news.peek().isEvent()) {
            News event = news.poll();
            newsBytes -= event.json().length();
            events.add(event.json());
        }
        return NewsFrame.events(events);
    }

    private static String typeOf(Object frame) {
        if (frame instanceof ServerFrame control) {
            return control.type();
        }
        return frame instanceof NewsFrame newsFrame ? newsFrame.type() : "error";
    }

    /**
     * Closes the connection once the control frames already queued have been sent, so that a
     * client reads why (an error frame) before the close; nothing more is queued from now on.
     * False when a close was already under way. Outside any lock: a close can call back at once.
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
