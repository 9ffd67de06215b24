package io.faultline.realtime;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Listed after {@link ClientFrameDecoder}, it takes what that one will not decode (text that is
 * not a JSON object) and refuses it with a {@link DecodeException}, so that such a frame reaches
 * {@code @OnError} on every server: with no decoder willing, one server hands the endpoint null.
 */
public class NotAFrameDecoder implements Decoder.Text<ClientFrame> {

    @Override
    public ClientFrame decode(String text) throws DecodeException {
        throw new DecodeException(text.length() <= 64 ? text : text.substring(0, 64), "not a JSON object");
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }
}
