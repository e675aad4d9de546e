package aftershock.signals.liquidation;

import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Liquidated notional by side of the liquidated position over trailing windows, in US$ (price × quantity of each
 * liquidation, USDT counted as US$). Totals that include an event from a sampled stream (Binance {@code forceOrder},
 * OKX: at most one per symbol per second) are lower bounds and say so.
 */
public final class Liquidations {
    /** The totals of one window. {@code lowerBound}: a sampled stream contributed, the truth is at least this. */
    public record Totals(long windowMs, long longUsdE8, long shortUsdE8, long count, boolean lowerBound) {
    }

    private static final class Window {
        final long windowMs;
        final ArrayDeque<long[]> buckets = new ArrayDeque<>(); // {bucket, long, short, count, sampled}
        long longUsdE8;
        long shortUsdE8;
        long count;
        long sampled;

        Window(long windowMs) {
            this.windowMs = windowMs;
        }
    }

    private final LiquidationsConfig config;
    private final Window[] windows;
    private long totalLongUsdE8;
    private long totalShortUsdE8;
    private long nowMs = Long.MIN_VALUE;

    public Liquidations(LiquidationsConfig config) {
        this.config = config;
        this.windows = new Window[config.windowsMs().size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new Window(config.windowsMs().get(i));
        }
    }

    public LiquidationsConfig config() {
        return config;
    }

    public void accept(MarketEvent e, long nowMs) {
        advanceTo(nowMs);
        if (!(e instanceof MarketEvent.Liquidation l)) {
            return;
        }
        if (!config.symbols().isEmpty() && !config.symbols().contains(l.symbol())) {
            return;
        }
        long notional = l.notionalE8();
        boolean isLong = l.liquidatedPositionSide() == PositionSide.LONG;
        // All-time totals saturate instead of overflowing: a long live session can pass 92 billion US$ (the E8 range).
        if (isLong) {
            totalLongUsdE8 = saturatingAdd(totalLongUsdE8, notional);
        } else {
            totalShortUsdE8 = saturatingAdd(totalShortUsdE8, notional);
        }
        long bucket = Math.floorDiv(nowMs, config.bucketMs());
        for (Window w : windows) {
            long[] tail = w.buckets.peekLast();
            if (tail == null || tail[0] != bucket) {
                tail = new long[]{bucket, 0, 0, 0, 0};
                w.buckets.addLast(tail);
            }
            tail[isLong ? 1 : 2] = Math.addExact(tail[isLong ? 1 : 2], notional);
            tail[3]++;
            if (isLong) {
                w.longUsdE8 = Math.addExact(w.longUsdE8, notional);
            } else {
                w.shortUsdE8 = Math.addExact(w.shortUsdE8, notional);
            }
            w.count++;
            if (l.sampled()) {
                tail[4]++;
                w.sampled++;
            }
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    public void advanceTo(long nowMs) {
        this.nowMs = Math.max(this.nowMs, nowMs);
        for (Window w : windows) {
            long start = this.nowMs - w.windowMs;
            while (!w.buckets.isEmpty() && (w.buckets.peekFirst()[0] + 1) * config.bucketMs() <= start) {
                long[] b = w.buckets.pollFirst();
                w.longUsdE8 -= b[1];
                w.shortUsdE8 -= b[2];
                w.count -= b[3];
                w.sampled -= b[4];
            }
            // Window sums are the sums of their buckets: nothing is left once the last bucket has gone.
            if (w.buckets.isEmpty() && (w.longUsdE8 != 0 || w.shortUsdE8 != 0 || w.count != 0 || w.sampled != 0)) {
                throw new IllegalStateException("invariant window-sums-match-buckets broken: window " + w.windowMs
                        + " ms empty with long=" + w.longUsdE8 + " short=" + w.shortUsdE8 + " count=" + w.count
                        + " sampled=" + w.sampled);
            }
        }
    }

    /** The totals of one configured window at the latest time seen. */
    public Totals totals(long windowMs) {
        for (Window w : windows) {
            if (w.windowMs == windowMs) {
                return new Totals(windowMs, w.longUsdE8, w.shortUsdE8, w.count, w.sampled > 0);
            }
        }
        throw new IllegalArgumentException("liquidations: " + windowMs + " ms is not a configured window");
    }

    /** Every configured window's totals, in configuration order. */
    public List<Totals> allTotals() {
        Totals[] out = new Totals[windows.length];
        for (int i = 0; i < windows.length; i++) {
            out[i] = totals(windows[i].windowMs);
        }
        return List.of(out);
    }

    /** Long liquidations since the start (US$ E8). */
    public long totalLongUsdE8() {
        return totalLongUsdE8;
    }

    /** Short liquidations since the start (US$ E8). */
    public long totalShortUsdE8() {
        return totalShortUsdE8;
    }
}
