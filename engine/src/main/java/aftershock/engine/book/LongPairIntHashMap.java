package aftershock.engine.book;

/**
 * Open-addressing (long, long) → int map, same scheme as {@link LongIntHashMap}; used for
 * (account, client order id) → order slot.
 */
final class LongPairIntHashMap {
    static final int MISSING = -1;

    private long[] keysA;
    private long[] keysB;
    private int[] values;
    private int mask;
    private int size;
    private int resizeAt;

    LongPairIntHashMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2) * 2 - 1);
        allocate(cap);
    }

    private void allocate(int cap) {
        keysA = new long[cap];
        keysB = new long[cap];
        values = new int[cap];
        java.util.Arrays.fill(values, MISSING);
        mask = cap - 1;
        resizeAt = cap / 2;
    }

    private int slot(long a, long b) {
        long h = (a * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL);
        return (int) (h ^ (h >>> 31)) & mask;
    }

    int size() {
        return size;
    }

    /** Empties the map, keeping its storage. */
    void clear() {
        java.util.Arrays.fill(values, MISSING);
        size = 0;
    }

    int get(long a, long b) {
        int i = slot(a, b);
        while (true) {
            int v = values[i];
            if (v == MISSING) {
                return MISSING;
            }
            if (keysA[i] == a && keysB[i] == b) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long a, long b, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        int i = slot(a, b);
        while (true) {
            int v = values[i];
            if (v == MISSING) {
                keysA[i] = a;
                keysB[i] = b;
                values[i] = value;
                if (++size > resizeAt) {
                    grow();
                }
                return;
            }
            if (keysA[i] == a && keysB[i] == b) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int remove(long a, long b) {
        int i = slot(a, b);
        while (true) {
            int v = values[i];
            if (v == MISSING) {
                return MISSING;
            }
            if (keysA[i] == a && keysB[i] == b) {
                break;
            }
            i = (i + 1) & mask;
        }
        int removed = values[i];
        int hole = i;
        int j = (i + 1) & mask;
        while (values[j] != MISSING) {
            int home = slot(keysA[j], keysB[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keysA[hole] = keysA[j];
                keysB[hole] = keysB[j];
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
        long[] oldA = keysA;
        long[] oldB = keysB;
        int[] oldValues = values;
        allocate(oldA.length * 2);
        size = 0;
        for (int i = 0; i < oldA.length; i++) {
            if (oldValues[i] != MISSING) {
                put(oldA[i], oldB[i], oldValues[i]);
            }
        }
    }
}
