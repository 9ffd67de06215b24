package io.faultline.realtime;

import java.util.List;

/**
 * What the feed tells of committed work: an {@code events} frame of one or more events, oldest
 * first, or a {@code notification} frame. Each item is its JSON object, encoded once for every
 * client that receives it; {@link NewsFrameEncoder} joins them.
 */
public record NewsFrame(String type, List<String> items) {

    static final String EVENTS = "events";
    static final String NOTIFICATION = "notification";

    static NewsFrame events(List<String> events) {
        return new NewsFrame(EVENTS, events);
    }

    static NewsFrame notification(String notification) {
        return new NewsFrame(NOTIFICATION, List.of(notification));
    }
}
