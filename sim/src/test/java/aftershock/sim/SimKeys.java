package aftershock.sim;

import java.util.Map;

/** Reads dotted keys of a run's nested summary map (tests). */
final class SimKeys {
    private SimKeys() {
    }

    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> m, String key) {
        Object cur = m;
        for (String part : key.split("\\.")) {
            if (!(cur instanceof Map)) {
                return null;
            }
            cur = ((Map<String, Object>) cur).get(part);
        }
        return cur;
    }

    static boolean has(Map<String, Object> m, String key) {
        return get(m, key) != null;
    }

    static double number(Map<String, Object> m, String key) {
        return ((Number) get(m, key)).doubleValue();
    }
}
