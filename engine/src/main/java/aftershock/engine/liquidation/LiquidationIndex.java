package aftershock.engine.liquidation;

import aftershock.engine.margin.Ledger;
import aftershock.engine.margin.MarginMode;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the positions a mark move liquidates without scanning all positions: O(log n + k) for k candidates.
 *
 * <p>Per symbol, two {@link SortedLongSet}s hold one key per indexed position: its liquidation price in ticks
 * (rounded toward triggering earlier: longs up, shorts down) in the high bits and a dense position reference in the
 * low 24 bits. A long liquidates when mark ≤ its liquidation price, so a mark move down walks the long set from
 * the top until keys fall below the mark; shorts the other way. Every candidate is then checked exactly against the
 * ledger, so the rounding only ever adds candidates, never misses one.
 *
 * <p>Which positions are indexed by price: isolated positions (their liquidation price depends on nothing else) and
 * cross accounts holding a single cross position (the formula is exact with no other positions). A cross account with
 * positions in several symbols has liquidation prices that move with the other symbols' marks; such accounts sit in
 * a separate set that is checked in full on every mark change — correct always, and cheap because they are few.
 * The caller re-indexes an account after anything that changes its margin: fills, funding, transfers.
 */
public final class LiquidationIndex {
    private static final int REF_BITS = 24;
    private static final long REF_MASK = (1L << REF_BITS) - 1;

    private final Ledger ledger;
    private final SortedLongSet[] longs;
    private final SortedLongSet[] shorts;
    private final long[] tickE8;
    private final Map<Long, Integer> refOf = new HashMap<>();
    private long[] accountOfRef = new long[1024];
    private static final long NONE = Long.MAX_VALUE;
    /** Current key per (ref, symbol) (shorts flagged with the sign bit), or NONE; row-major [ref * symbols + symbol]. */
    private long[] keyOf = new long[1024];
    private final TreeSet<Long> multiSymbolCross = new TreeSet<>();
    private int refs;

    public LiquidationIndex(Ledger ledger) {
        this.ledger = ledger;
        int n = ledger.symbolCount();
        longs = new SortedLongSet[n];
        shorts = new SortedLongSet[n];
        tickE8 = new long[n];
        for (int i = 0; i < n; i++) {
            longs[i] = new SortedLongSet();
            shorts[i] = new SortedLongSet();
            tickE8[i] = ledger.spec(i).instrument().tickSizeE8();
        }
        keyOf = new long[1024 * n];
        Arrays.fill(keyOf, NONE);
    }

    private int ref(long accountId) {
        Integer r = refOf.get(accountId);
        if (r != null) {
            return r;
        }
        if (refs > REF_MASK) {
            throw new IllegalStateException("liquidation index holds at most " + (REF_MASK + 1) + " accounts");
        }
        int n = ledger.symbolCount();
        if (refs == accountOfRef.length) {
            accountOfRef = Arrays.copyOf(accountOfRef, refs * 2);
            int old = keyOf.length;
            keyOf = Arrays.copyOf(keyOf, refs * 2 * n);
            Arrays.fill(keyOf, old, keyOf.length, NONE);
        }
        accountOfRef[refs] = accountId;
        refOf.put(accountId, refs);
        return refs++;
    }

    /** Re-indexes an account from the ledger's current state. */
    public void update(long accountId) {
        int r = ref(accountId);
        int n = ledger.symbolCount();
        boolean multi = ledger.crossPositionCount(accountId) > 1;
        if (multi) {
            multiSymbolCross.add(accountId);
        } else {
            multiSymbolCross.remove(accountId);
        }
        for (int s = 0; s < n; s++) {
            long old = keyOf[r * n + s];
            if (old != NONE) {
                (isLongKey(old) ? longs[s] : shorts[s]).remove(old & ~SHORT_FLAG);
                keyOf[r * n + s] = NONE;
            }
            long lots = ledger.positionLots(accountId, s);
            if (lots == 0 || (multi && ledger.marginMode(accountId, s) == MarginMode.CROSS)) {
                continue;
            }
            long lp = ledger.liquidationPriceE8(accountId, s);
            if (lp <= 0 && lots > 0) {
                continue; // no positive price liquidates this long
            }
            // A short with no positive liquidation price is liquidatable at every price: keyed at 0, always a candidate.
            long ticks = lots > 0 ? (lp + tickE8[s] - 1) / tickE8[s] : Math.max(0, lp) / tickE8[s];
            if (ticks >= (1L << (62 - REF_BITS))) {
                continue; // beyond any price the key can hold: no reachable price liquidates it
            }
            long key = (ticks << REF_BITS) | r;
            if (lots > 0) {
                longs[s].add(key);
                keyOf[r * n + s] = key;
            } else {
                shorts[s].add(key);
                keyOf[r * n + s] = key | SHORT_FLAG;
            }
        }
    }

    private static final long SHORT_FLAG = Long.MIN_VALUE;

    private static boolean isLongKey(long stored) {
        return (stored & SHORT_FLAG) == 0;
    }

    /** Positions indexed by price (for tests and reports). */
    public int indexedPositions() {
        int n = 0;
        for (int s = 0; s < longs.length; s++) {
            n += longs[s].size() + shorts[s].size();
        }
        return n;
    }

    /**
     * Writes into {@code out} the accounts liquidatable after {@code symbol}'s mark became {@code markE8} (the ledger
     * must already hold that mark): the price-indexed candidates, verified exactly, then the multi-symbol cross
     * accounts holding that symbol. Returns how many (each account once, in index order then id order).
     */
    public int liquidatable(int symbol, long markE8, long[] out) {
        long markTicksDown = markE8 / tickE8[symbol];
        long markTicksUp = (markE8 + tickE8[symbol] - 1) / tickE8[symbol];
        int[] count = {0};
        // Longs liquidate at mark ≤ LP: walk down from the highest LP while LP ≥ mark.
        longs[symbol].descendingFrom(Long.MAX_VALUE, key -> {
            if ((key >>> REF_BITS) < markTicksDown || count[0] >= out.length) {
                return false;
            }
            check(accountOfRef[(int) (key & REF_MASK)], symbol, out, count);
            return count[0] < out.length;
        });
        // Shorts liquidate at mark ≥ LP: walk up from the lowest LP while LP ≤ mark.
        shorts[symbol].ascendingFrom(0, key -> {
            // The buffer may be full already from the longs: the caller asks again after acting on these.
            if ((key >>> REF_BITS) > markTicksUp || count[0] >= out.length) {
                return false;
            }
            check(accountOfRef[(int) (key & REF_MASK)], symbol, out, count);
            return count[0] < out.length;
        });
        for (long account : multiSymbolCross) {
            if (count[0] < out.length && ledger.positionLots(account, symbol) != 0 && ledger.crossLiquidatable(account)) {
                out[count[0]++] = account;
            }
        }
        return count[0];
    }

    private void check(long account, int symbol, long[] out, int[] count) {
        boolean hit = ledger.marginMode(account, symbol) == MarginMode.ISOLATED
                ? ledger.isolatedLiquidatable(account, symbol) : ledger.crossLiquidatable(account);
        if (hit) {
            out[count[0]++] = account;
        }
    }
}
