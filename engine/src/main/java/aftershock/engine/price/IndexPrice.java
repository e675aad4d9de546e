package aftershock.engine.price;

import aftershock.engine.margin.Fixed;

import java.util.Arrays;

/**
 * A perpetual's index: the weighted average of several spot venues' prices (Binance's construction). A source whose
 * price deviates from the median of the live sources by more than {@code capRateE8} is capped at
 * median × (1 ± cap); a source not updated for {@code staleNanos} gets weight zero. Binance's current FAQ: 1% cap
 * for the BTC and ETH indexes (3% for others), 5 minutes to stale. Prices and rates E8; time is an input.
 */
public final class IndexPrice {
    private final String[] sources;
    private final long[] weights;
    private final long[] pricesE8;
    private final long[] updatedNanos;
    private final boolean[] seen;
    private final long capRateE8;
    private final long staleNanos;
    private long lastIndexE8;

    public IndexPrice(String[] sources, long[] weights, long capRateE8, long staleNanos) {
        if (sources.length == 0 || sources.length != weights.length) {
            throw new IllegalArgumentException("index needs sources with one weight each");
        }
        for (long w : weights) {
            if (w <= 0) {
                throw new IllegalArgumentException("index weights must be positive");
            }
        }
        if (capRateE8 < 0 || staleNanos <= 0) {
            throw new IllegalArgumentException("cap rate must be >= 0 and stale time > 0");
        }
        this.sources = sources.clone();
        this.weights = weights.clone();
        this.pricesE8 = new long[sources.length];
        this.updatedNanos = new long[sources.length];
        this.seen = new boolean[sources.length];
        this.capRateE8 = capRateE8;
        this.staleNanos = staleNanos;
    }

    /** Binance-like defaults for BTC/ETH: equal weights, 1% cap, 5 minutes to stale. */
    public static IndexPrice equalWeights(String... sources) {
        long[] w = new long[sources.length];
        Arrays.fill(w, 1);
        return new IndexPrice(sources, w, 1_000_000L, 300_000_000_000L);
    }

    public int sourceIndex(String source) {
        for (int i = 0; i < sources.length; i++) {
            if (sources[i].equals(source)) {
                return i;
            }
        }
        return -1;
    }

    public void update(int source, long priceE8, long nowNanos) {
        if (priceE8 <= 0) {
            throw new IllegalArgumentException("spot price must be positive");
        }
        pricesE8[source] = priceE8;
        updatedNanos[source] = nowNanos;
        seen[source] = true;
    }

    /** The index now; keeps the last value when every source is stale (0 before any input). */
    public long compute(long nowNanos) {
        int n = 0;
        long[] live = new long[sources.length];
        for (int i = 0; i < sources.length; i++) {
            if (isLive(i, nowNanos)) {
                live[n++] = pricesE8[i];
            }
        }
        if (n == 0) {
            return lastIndexE8;
        }
        long[] sorted = Arrays.copyOf(live, n);
        Arrays.sort(sorted);
        long median = n % 2 == 1 ? sorted[n / 2] : Fixed.div(sorted[n / 2 - 1] + sorted[n / 2], 2, Fixed.Round.HALF_EVEN);
        long lo = median - Fixed.applyRate(median, capRateE8, Fixed.Round.FLOOR);
        long hi = median + Fixed.applyRate(median, capRateE8, Fixed.Round.FLOOR);
        long weighted = 0;
        long totalWeight = 0;
        for (int i = 0; i < sources.length; i++) {
            if (!isLive(i, nowNanos)) {
                continue;
            }
            long p = Math.max(lo, Math.min(hi, pricesE8[i]));
            weighted = Math.addExact(weighted, Math.multiplyExact(p, weights[i]));
            totalWeight += weights[i];
        }
        lastIndexE8 = Fixed.div(weighted, totalWeight, Fixed.Round.HALF_EVEN);
        return lastIndexE8;
    }

    public boolean isLive(int source, long nowNanos) {
        return seen[source] && nowNanos - updatedNanos[source] < staleNanos;
    }

    public String sourceName(int source) {
        return sources[source];
    }
}
