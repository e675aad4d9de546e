package aftershock.engine.book;

import java.util.Arrays;

/**
 * Open-addressing long → int map (linear probing, backward-shift deletion) with no boxing and no allocation except
 * when it grows. Key and value share one array, side by side, so a lookup touches one cache line. Values must be
 * non-negative; {@link #MISSING} marks absence. Only looked up, never iterated, so its order cannot leak into outputs.
 */
final class LongIntHashMap {
    static final int MISSING = -1;

    /** [key0, value0, key1, value1, ...]; a value of MISSING marks a free entry. */
    private long[] table;
    private int mask;
    private int size;
    private int resizeAt;

    LongIntHashMap(int expected) {
        int cap = Integer.highestOneBit((int) Math.min(1 << 29, Math.max(4L, expected * 2L)) * 2 - 1);
        allocate(cap);
    }

    private void allocate(int cap) {
        table = new long[cap * 2];
        for (int i = 1; i < table.length; i += 2) {
            table[i] = MISSING;
        }
        mask = cap - 1;
        resizeAt = cap / 2;
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
        for (int i = 1; i < table.length; i += 2) {
            table[i] = MISSING;
        }
        size = 0;
    }

    int get(long key) {
        long[] t = table;
        int i = slot(key);
        while (true) {
            long v = t[2 * i + 1];
            if (v == MISSING) {
                return MISSING;
            }
            if (t[2 * i] == key) {
                return (int) v;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        long[] t = table;
        int i = slot(key);
        while (true) {
            long v = t[2 * i + 1];
            if (v == MISSING) {
                t[2 * i] = key;
                t[2 * i + 1] = value;
                if (++size > resizeAt) {
                    grow();
                }
                return;
            }
            if (t[2 * i] == key) {
                t[2 * i + 1] = value;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int remove(long key) {
        long[] t = table;
        int i = slot(key);
        while (true) {
            long v = t[2 * i + 1];
            if (v == MISSING) {
                return MISSING;
            }
            if (t[2 * i] == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        int removed = (int) t[2 * i + 1];
        int hole = i;
        int j = (i + 1) & mask;
        while (t[2 * j + 1] != MISSING) {
            int home = slot(t[2 * j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                t[2 * hole] = t[2 * j];
                t[2 * hole + 1] = t[2 * j + 1];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        t[2 * hole + 1] = MISSING;
        size--;
        return removed;
    }

    private void grow() {
        long[] old = table;
        allocate((mask + 1) * 2);
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != MISSING) {
                put(old[i], (int) old[i + 1]);
            }
        }
    }

    /** For tests: capacity in entries. */
    int capacity() {
        return mask + 1;
    }

    @Override
    public String toString() {
        return "LongIntHashMap[size=" + size + ", capacity=" + (mask + 1) + ", table=" + Arrays.hashCode(table) + "]";
    }
}
