package io.faultline.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What instances tell each other through PostgreSQL's {@code NOTIFY}: ids, never rows, with the
 * life of the instance that sent it (which skips its own). A payload stays far below the
 * server's 8,000 bytes: {@link #MAX_IDS} ids at most.
 * <ul>
 * <li>{@code committed <life> <event ids|-> <notification ids|->}: a commit of the intake;</li>
 * <li>{@code changed <life> <topic>}: what remembered copies of to forget.</li>
 * </ul>
 */
public sealed interface ClusterMessage {

    int MAX_IDS = 300;

    String sender();

    String payload();

    /** Events and notifications another instance committed; each list at most {@link #MAX_IDS} long together. */
    record Committed(String sender, List<Long> events, List<Long> notifications) implements ClusterMessage {
        @Override
        public String payload() {
            return "committed " + sender + " " + ids(events) + " " + ids(notifications);
        }
    }

    /** A change of what instances remember. */
    record Changed(String sender, Topic topic) implements ClusterMessage {
        @Override
        public String payload() {
            return "changed " + sender + " " + topic.name();
        }
    }

    /** The commit's ids in messages of at most {@link #MAX_IDS} ids each. */
    static List<Committed> committed(String sender, List<Long> events, List<Long> notifications) {
        List<Committed> messages = new ArrayList<>();
        for (int from = 0; from < events.size(); from += MAX_IDS) {
            messages.add(new Committed(sender, events.subList(from, Math.min(events.size(), from + MAX_IDS)), List.of()));
        }
        for (int from = 0; from < notifications.size(); from += MAX_IDS) {
            messages.add(new Committed(sender, List.of(),
                    notifications.subList(from, Math.min(notifications.size(), from + MAX_IDS))));
        }
        return messages;
    }

    /** The message a payload holds, or none if it is not one of ours. */
    static Optional<ClusterMessage> parse(String payload) {
        String[] parts = payload.split(" ");
        try {
            if (parts.length == 4 && parts[0].equals("committed")) {
                return Optional.of(new Committed(parts[1], parse(parts[2].split(",")), parse(parts[3].split(","))));
            }
            if (parts.length == 3 && parts[0].equals("changed")) {
                return Optional.of(new Changed(parts[1], Topic.valueOf(parts[2])));
            }
        } catch (IllegalArgumentException notOurs) {
            // Somebody else's NOTIFY on our channel: ignored.
        }
        return Optional.empty();
    }

    private static String ids(List<Long> ids) {
        return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> parse(String[] ids) {
        if (ids.length == 1 && ids[0].equals("-")) {
            return List.of();
        }
        List<Long> parsed = new ArrayList<>(ids.length);
        for (String id : ids) {
            parsed.add(Long.parseLong(id));
        }
        return parsed;
    }
}
