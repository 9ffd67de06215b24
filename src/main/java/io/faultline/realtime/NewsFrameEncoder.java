package io.faultline.realtime;

import jakarta.websocket.Encoder;

/**
 * Writes an events or notification frame around items that are JSON already: the frame is
 * joined, not built again for every client.
 */
public class NewsFrameEncoder implements Encoder.Text<NewsFrame> {

    @Override
    public String encode(NewsFrame frame) {
        if (NewsFrame.NOTIFICATION.equals(frame.type())) {
            return "{\"type\":\"notification\",\"notification\":" + frame.items().get(0) + "}";
        }
        int length = 30;
        for (String item : frame.items()) {
            length += item.length() + 1;
        }
        StringBuilder text = new StringBuilder(length).append("{\"type\":\"events\",\"events\":[");
        for (int i = 0; i < frame.items().size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(frame.items().get(i));
        }
        return text.append("]}").toString();
    }
}
