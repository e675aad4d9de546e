package aftershock.engine.book;

/**
 * Untriggered orders of one trigger direction and one working price, kept sorted so that the next to fire sits at
 * the end of the array: for an "up" set (fires when the reference price rises to the stop or above: STOP buys,
 * TAKE_PROFIT sells) the lowest stop, for a "down" set the highest. Equal stops fire in placement order.
 */
final class StopSet {
    private final boolean up;
    private long[] keys;
    private int[] slots;
    private int size;

    StopSet(boolean up, int capacity) {
        this.up = up;
        this.keys = new long[Math.max(4, capacity)];
        this.slots = new int[keys.length];
    }

    boolean isUp() {
        return up;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    private long key(long stopTicks) {
        return up ? -stopTicks : stopTicks;
    }

    /** First index whose key is >= the given key. */
    private int lowerBound(long key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    void insert(long stopTicks, int slot) {
        if (size == keys.length) {
            keys = java.util.Arrays.copyOf(keys, size * 2);
            slots = java.util.Arrays.copyOf(slots, size * 2);
        }
        long key = key(stopTicks);
        int at = lowerBound(key);
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(slots, at, slots, at + 1, size - at);
        keys[at] = key;
        slots[at] = slot;
        size++;
    }

    boolean remove(long stopTicks, int slot) {
        long key = key(stopTicks);
        for (int i = lowerBound(key); i < size && keys[i] == key; i++) {
            if (slots[i] == slot) {
                System.arraycopy(keys, i + 1, keys, i, size - i - 1);
                System.arraycopy(slots, i + 1, slots, i, size - i - 1);
                size--;
                return true;
            }
        }
        return false;
    }

    /** Whether the next stop fires at this reference price (E8); {@code tickE8} converts stop ticks to E8. */
    boolean fires(long referenceE8, long tickE8) {
        if (size == 0) {
            return false;
        }
        long stopE8 = (up ? -keys[size - 1] : keys[size - 1]) * tickE8;
        return up ? referenceE8 >= stopE8 : referenceE8 <= stopE8;
    }

    /** Whether a new stop at this price would fire at once at the reference price (E8). */
    boolean wouldFire(long stopTicks, long referenceE8, long tickE8) {
        long stopE8 = stopTicks * tickE8;
        return up ? referenceE8 >= stopE8 : referenceE8 <= stopE8;
    }

    int pop() {
        return slots[--size];
    }

    /** Audit: strictly non-decreasing keys. */
    void check(String name) {
        for (int i = 1; i < size; i++) {
            if (keys[i - 1] > keys[i]) {
                throw new IllegalStateException("stop set " + name + " not sorted at " + i);
            }
        }
    }

    int slotAt(int i) {
        return slots[i];
    }
}
