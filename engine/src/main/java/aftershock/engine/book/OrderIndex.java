package aftershock.engine.book;

import java.util.Arrays;

/**
 * Order id → slot. Ids are assigned in sequence, so most lookups go straight to a power-of-two ring indexed by the
 * id's low bits (new orders land next to each other in memory; no hashing, no probing). A new id whose ring entry is
 * still held by an older live order goes to an overflow hash map instead (the long-lived order keeps its fast
 * entry), so the index stays exact whatever the ids' spread; the ring is sized from the book's expected order count
 * so that the overflow is normally small.
 */
final class OrderIndex {
    private static final int NIL = -1;

    private final int[] ring;
    private final int mask;
    private final LongIntHashMap overflow = new LongIntHashMap(16);
    private int inRing;

    OrderIndex(int expectedOrders) {
        int cap = Integer.highestOneBit((int) Math.min(1 << 30, Math.max(1L << 16, expectedOrders * 2L)) * 2 - 1);
        ring = new int[cap];
        mask = cap - 1;
        Arrays.fill(ring, NIL);
    }

    int size() {
        return inRing + overflow.size();
    }

    void clear() {
        Arrays.fill(ring, NIL);
        inRing = 0;
        overflow.clear();
    }

    /** The slot of a live order, or NIL; {@code ids} is the book's slot → id array. */
    int get(long id, long[] ids) {
        int slot = ring[(int) id & mask];
        if (slot != NIL && ids[slot] == id) {
            return slot;
        }
        return overflow.size() == 0 ? NIL : overflow.get(id);
    }

    void put(long id, int slot, long[] ids) {
        int i = (int) id & mask;
        if (ring[i] == NIL) {
            ring[i] = slot;
            inRing++;
        } else {
            overflow.put(id, slot); // an older live order holds these low bits
        }
    }

    void remove(long id, int slot) {
        int i = (int) id & mask;
        if (ring[i] == slot) {
            ring[i] = NIL;
            inRing--;
        } else {
            overflow.remove(id);
        }
    }
}
