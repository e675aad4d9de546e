package aftershock.engine.book;

/**
 * Open-addressing long → int map (linear probing, backward-shift deletion) with no boxing and no allocation except
 * when it grows. Values must be non-negative; {@link #MISSING} marks absence. Only looked up, never iterated, so its
 * internal order cannot leak into outputs.
 */
final class LongIntHashMap {
    static final int MISSING = -1;
    private static final float LOAD = 0.5f;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;
    private int resizeAt;

    LongIntHashMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 30, (long) (expected / LOAD) + 1)) * 2 - 1);
        allocate(cap);
    }

    private void allocate(int cap) {
        keys = new long[cap];
        values = new int[cap];
        java.util.Arrays.fill(values, MISSING);
        mask = cap - 1;
        resizeAt = (int) (cap * LOAD);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    int size() {
        return size;
    }

    /** Empties the map, keeping its storage. */
    void clear() {
        java.util.Arrays.fill(values, MISSING);
        size = 0;
    }

    int get(long key) {
        int i = slot(key);
        while (true) {
            int v = values[i];
            if (v == MISSING) {
                return MISSING;
            }
            if (keys[i] == key) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        int i = slot(key);
        while (true) {
            int v = values[i];
            if (v == MISSING) {
                keys[i] = key;
                values[i] = value;
                if (++size > resizeAt) {
                    grow();
                }
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int remove(long key) {
        int i = slot(key);
        while (true) {
            int v = values[i];
            if (v == MISSING) {
                return MISSING;
            }
            if (keys[i] == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        int removed = values[i];
        int hole = i;
        int j = (i + 1) & mask;
        while (values[j] != MISSING) {
            int home = slot(keys[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        values[hole] = MISSING;
        size--;
        return removed;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != MISSING) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
