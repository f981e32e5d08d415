package io.github.mssqlk8s.sim.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** sp_getapplock locks (Exclusive, owner Session): resource → holding spid and nesting count. */
final class AppLocks {

    private record Holder(int spid, int count) {
    }

    private final Map<String, Holder> held = new HashMap<>();

    private static String key(String database, String resource) {
        return database.toLowerCase(Locale.ROOT) + "|" + resource;
    }

    /** True when granted now (re-entrant for the same session). */
    boolean tryAcquire(int spid, String database, String resource) {
        String k = key(database, resource);
        Holder h = held.get(k);
        if (h == null || h.spid == spid) {
            held.put(k, new Holder(spid, h == null ? 1 : h.count + 1));
            return true;
        }
        return false;
    }

    boolean release(int spid, String database, String resource) {
        String k = key(database, resource);
        Holder h = held.get(k);
        if (h == null || h.spid != spid) {
            return false;
        }
        if (h.count == 1) {
            held.remove(k);
        } else {
            held.put(k, new Holder(spid, h.count - 1));
        }
        return true;
    }

    void releaseAll(int spid) {
        held.values().removeIf(h -> h.spid == spid);
    }

    void clear() {
        held.clear();
    }
}
