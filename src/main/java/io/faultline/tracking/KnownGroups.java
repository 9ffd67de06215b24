package io.faultline.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the groups intake met lately, by project and fingerprint, so that an event of a
 * known group costs no query. At most {@link #MAX} are kept, the least recently used forgotten
 * first: a client that sends ever new fingerprints costs queries, never memory. Used by the
 * writer thread alone, hence not synchronized.
 */
final class KnownGroups {

    /** About 2 MB of keys and ids: more than the groups an installation sees in a busy hour. */
    static final int MAX = 10_000;

    private final Map<String, Long> ids;

    KnownGroups(int max) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > max;
            }
        };
    }

    Long get(String key) {
        return ids.get(key);
    }

    void putAll(Map<String, Long> known) {
        ids.putAll(known);
    }

    void clear() {
        ids.clear();
    }

    int size() {
        return ids.size();
    }
}
