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
 * checked by {@link FeedHandshakeFilter} (credentials and Origin). Frames are read by the
 * registered decoder and written by the registered encoders; a frame the decoder cannot read
 * arrives here as a {@link DecodeException}: decoders are tried in the order listed, so
 * {@link NotAFrameDecoder} refuses only what {@link ClientFrameDecoder} will not decode.
 */
@ServerEndpoint(value = EventsEndpoint.PATH,
        encoders = {ServerFrameEncoder.class, ErrorFrameEncoder.class, NewsFrameEncoder.class},
        decoders = {ClientFrameDecoder.class, NotAFrameDecoder.class})
public class EventsEndpoint {

    public static final String PATH = "/ws/events";
    /**
     * What the server may buffer before the decoder sees a frame: above
     * {@link ClientFrameDecoder#MAX_FRAME} the decoder refuses it, above this the server does; either way 1009.
     */
    private static final int BUFFER = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(EventsEndpoint.class.getName());

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
        sessions.open(session, correlationId);
    }

    @OnMessage(maxMessageSize = BUFFER)
    public void message(Session session, ClientFrame frame) {
        sessions.handle(session, frame);
    }

    /** A frame that could not be decoded is the client's mistake: an error frame, or 1009; anything else closes with 1011. */
    @OnError
    public void error(Session session, Throwable failure) {
        if (session == null) {
            return;
        }
        DecodeException undecodable = decodeFailure(failure);
        if (undecodable instanceof ClientFrameDecoder.FrameTooLarge) {
            sessions.tooBig(session);
        } else if (undecodable != null) {
            sessions.malformed(session, undecodable.getMessage() == null ? "malformed" : undecodable.getMessage());
        } else if (session.isOpen()) {
            LOG.log(Level.WARNING, "Live-feed connection failed", failure);
            sessions.failed(session);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        sessions.closed(session, reason);
    }

    /** The decoder's failure, however the server wraps it. */
    private static DecodeException decodeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DecodeException decode) {
                return decode;
            }
        }
        return null;
    }
}
