package aftershock.sim.abm;

/**
 * Traded volume by aggressor side over a trailing window: what ABIDES's exchange answers to a transacted-volume
 * query ({@code OrderBook.get_transacted_volume}): the buy-aggressor and sell-aggressor quantities of the trades with
 * time ≥ now − lookback. Trades are appended in time order and queries come in time order (one event loop), so a
 * ring buffer with running sums answers in amortised O(1); the ring doubles when full (rare, cold).
 */
final class TradeWindow {
    private final long lookbackNanos;
    private long[] times;
    private long[] qtys;
    private boolean[] buys;
    private int head;
    private int size;
    private long buyLots;
    private long sellLots;

    TradeWindow(long lookbackNanos, int initialCapacity) {
        this.lookbackNanos = lookbackNanos;
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1) << 1);
        times = new long[cap];
        qtys = new long[cap];
        buys = new boolean[cap];
    }

    void add(long tNanos, long qtyLots, boolean buyAggressor) {
        if (size == times.length) {
            grow();
        }
        int i = (head + size) & (times.length - 1);
        times[i] = tNanos;
        qtys[i] = qtyLots;
        buys[i] = buyAggressor;
        size++;
        if (buyAggressor) {
            buyLots += qtyLots;
        } else {
            sellLots += qtyLots;
        }
    }

    private void grow() {
        int cap = times.length;
        long[] t = new long[cap * 2];
        long[] q = new long[cap * 2];
        boolean[] b = new boolean[cap * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (cap - 1);
            t[k] = times[i];
            q[k] = qtys[i];
            b[k] = buys[i];
        }
        times = t;
        qtys = q;
        buys = b;
        head = 0;
    }

    /** Drops the trades older than {@code nowNanos − lookback}; then {@link #buyLots()}/{@link #sellLots()} answer. */
    void advanceTo(long nowNanos) {
        long start = nowNanos - lookbackNanos;
        int mask = times.length - 1;
        while (size > 0 && times[head] < start) {
            if (buys[head]) {
                buyLots -= qtys[head];
            } else {
                sellLots -= qtys[head];
            }
            head = (head + 1) & mask;
            size--;
        }
    }

    long buyLots() {
        return buyLots;
    }

    long sellLots() {
        return sellLots;
    }

    int capacity() {
        return times.length;
    }
}
