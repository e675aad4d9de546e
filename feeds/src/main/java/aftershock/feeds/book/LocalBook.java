package aftershock.feeds.book;

import aftershock.feeds.BookLevel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A venue's order book rebuilt locally from snapshots and diffs: price → quantity per side, quantities absolute.
 * Bounded: a side holding more than {@code levelsMax} levels is reported by {@link #overflowed()} (the synchroniser
 * then resyncs rather than growing without limit).
 */
public final class LocalBook {
    private final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private final int levelsMax;

    public LocalBook(int levelsMax) {
        if (levelsMax <= 0) {
            throw new IllegalArgumentException("levelsMax must be positive: " + levelsMax);
        }
        this.levelsMax = levelsMax;
    }

    public void clear() {
        bids.clear();
        asks.clear();
    }

    /** Applies absolute quantities; 0 removes the level (removing a level the book does not have is normal). */
    public void apply(LevelChanges changes) {
        apply(bids, changes.bidPricesE8(), changes.bidQtysE8());
        apply(asks, changes.askPricesE8(), changes.askQtysE8());
    }

    private static void apply(TreeMap<Long, Long> side, long[] prices, long[] qtys) {
        for (int i = 0; i < prices.length; i++) {
            if (qtys[i] == 0) {
                side.remove(prices[i]);
            } else {
                side.put(prices[i], qtys[i]);
            }
        }
    }

    public boolean overflowed() {
        return bids.size() > levelsMax || asks.size() > levelsMax;
    }

    public boolean isEmpty() {
        return bids.isEmpty() && asks.isEmpty();
    }

    /** Both sides present and best bid at or above best ask. */
    public boolean crossed() {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey();
    }

    public int bidLevels() {
        return bids.size();
    }

    public int askLevels() {
        return asks.size();
    }

    /** Best bid price, or 0 if the side is empty. */
    public long bestBidPriceE8() {
        return bids.isEmpty() ? 0 : bids.firstKey();
    }

    public long bestBidQtyE8() {
        return bids.isEmpty() ? 0 : bids.firstEntry().getValue();
    }

    public long bestAskPriceE8() {
        return asks.isEmpty() ? 0 : asks.firstKey();
    }

    public long bestAskQtyE8() {
        return asks.isEmpty() ? 0 : asks.firstEntry().getValue();
    }

    /** Quantity at a bid price, 0 if none. */
    public long bidQtyE8(long priceE8) {
        return bids.getOrDefault(priceE8, 0L);
    }

    public long askQtyE8(long priceE8) {
        return asks.getOrDefault(priceE8, 0L);
    }

    /** The best {@code n} bids, best first. */
    public List<BookLevel> topBids(int n) {
        return top(bids, n);
    }

    /** The best {@code n} asks, best first. */
    public List<BookLevel> topAsks(int n) {
        return top(asks, n);
    }

    private static List<BookLevel> top(TreeMap<Long, Long> side, int n) {
        List<BookLevel> out = new ArrayList<>(Math.min(n, side.size()));
        for (Map.Entry<Long, Long> e : side.entrySet()) {
            if (out.size() == n) {
                break;
            }
            out.add(new BookLevel(e.getKey(), e.getValue()));
        }
        return out;
    }
}
