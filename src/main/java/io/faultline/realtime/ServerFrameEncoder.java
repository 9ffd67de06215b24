package io.faultline.realtime;

import jakarta.websocket.Encoder;

/** Writes a server frame as its JSON text. */
public class ServerFrameEncoder implements Encoder.Text<ServerFrame> {

    @Override
    public String encode(ServerFrame frame) {
        return frame.body().toString();
    }
}
