package io.faultline.realtime;

import io.faultline.correlation.CorrelationIds;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/events}: the live feed of events and notifications for operators. The handshake is
 * checked by {@link FeedHandshakeFilter} (credentials and Origin). The endpoint enforces the
 * frame limit and decodes frames itself, so that an oversized frame closes with 1009 and a
 * malformed one gets an error frame the same way on every server.
 */
@ServerEndpoint(EventsEndpoint.PATH)
public class EventsEndpoint {

    public static final String PATH = "/ws/events";
    static final int MAX_FRAME = 16 * 1024;
    /** What the server may buffer before the endpoint sees a frame; above {@link #MAX_FRAME} it closes. */
    private static final int BUFFER = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(EventsEndpoint.class.getName());

    private final ClientFrameDecoder decoder = new ClientFrameDecoder();
    // Looked up, not injected: Liberty creates endpoint instances outside CDI.
    private final FeedSessions sessions = CDI.current().select(FeedSessions.class).get();

    /** The connection's correlation id is the {@code correlationId} query parameter when valid, else a new one. */
    @OnOpen
    public void open(Session session, EndpointConfig config) {
        session.setMaxIdleTimeout(0);
        session.setMaxTextMessageBufferSize(BUFFER);
        List<String> given = session.getRequestParameterMap().get("correlationId");
        String correlationId = given == null || given.isEmpty() || !CorrelationIds.isValid(given.get(0))
                ? CorrelationIds.newId() : given.get(0);
        sessions.open(session, correlationId, session.getUserPrincipal() == null ? null : session.getUserPrincipal().getName());
    }

    @OnMessage(maxMessageSize = BUFFER)
    public void message(Session session, String text) {
        if (text.length() > MAX_FRAME) {
            sessions.tooBig(session);
            return;
        }
        ClientFrame frame;
        try {
            frame = decoder.decode(text);
        } catch (DecodeException malformed) {
            sessions.malformed(session, malformed.getMessage() == null ? "malformed" : malformed.getMessage());
            return;
        }
        sessions.handle(session, frame);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        if (session != null && session.isOpen()) {
            LOG.log(Level.WARNING, "Live-feed connection failed", failure);
            sessions.failed(session);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        sessions.closed(session, reason);
    }
}
