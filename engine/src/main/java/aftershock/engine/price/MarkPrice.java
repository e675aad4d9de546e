package aftershock.engine.price;

import aftershock.engine.margin.Fixed;

/**
 * Binance's mark price: {@code median(P1, P2, last)} with {@code P1 = index × (1 + lastFundingRate × timeToFunding /
 * interval)} and {@code P2 = index + moving average of (mid − index)} over the last {@code window} one-second samples
 * (30 since 2025-09-18, 60 before). Without a last trade or a mid, the median is taken over what exists. E8 prices.
 */
public final class MarkPrice {
    private final long[] basisSamples;
    private int count;
    private int next;
    private long basisSum;

    public MarkPrice(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        basisSamples = new long[window];
    }

    /** Records one sample of (mid − index); call once a second of virtual time. */
    public void sampleBasis(long midE8, long indexE8) {
        long basis = midE8 - indexE8;
        if (count == basisSamples.length) {
            basisSum -= basisSamples[next];
        } else {
            count++;
        }
        basisSamples[next] = basis;
        basisSum += basis;
        next = (next + 1) % basisSamples.length;
    }

    /** The mark price now; 0 if there is no index yet. */
    public long compute(long indexE8, long lastPriceE8, long lastFundingRateE8, long nanosToFunding, long intervalNanos) {
        if (indexE8 <= 0) {
            return 0;
        }
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("funding interval must be positive");
        }
        long remainingRateE8 = Fixed.mulDiv(lastFundingRateE8, Math.max(0, Math.min(nanosToFunding, intervalNanos)),
                intervalNanos, Fixed.Round.HALF_EVEN);
        long p1 = indexE8 + Fixed.applyRate(indexE8, remainingRateE8, Fixed.Round.HALF_EVEN);
        if (count == 0) {
            return lastPriceE8 > 0 ? median(p1, lastPriceE8) : p1;
        }
        long p2 = indexE8 + Fixed.div(basisSum, count, Fixed.Round.HALF_EVEN);
        return lastPriceE8 > 0 ? median(p1, p2, lastPriceE8) : median(p1, p2);
    }

    private static long median(long a, long b) {
        return Fixed.div(a + b, 2, Fixed.Round.HALF_EVEN);
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
