package dev.strata.tls;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a client keeps resumable sessions, keyed by server name (or address). */
public interface SessionCache {

    /** Stores the newest session for {@code key}, replacing an older one. */
    void put(String key, StoredSession session);

    /** The session for {@code key}, or null. */
    StoredSession get(String key);

    /** Forgets the session for {@code key}. */
    void remove(String key);

    /** A thread-safe in-memory cache holding at most {@code capacity} sessions, evicting the oldest. */
    static SessionCache inMemory(int capacity) {
        Map<String, StoredSession> map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StoredSession> eldest) {
                return size() > capacity;
            }
        };
        return new SessionCache() {
            @Override
            public synchronized void put(String key, StoredSession session) {
                map.put(key, session);
            }

            @Override
            public synchronized StoredSession get(String key) {
                return map.get(key);
            }

            @Override
            public synchronized void remove(String key) {
                map.remove(key);
            }
        };
    }
}
