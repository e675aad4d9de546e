package aftershock.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A liquidation map (price × time, like the maps traders use): at each snapshot time, the notional of the positions
 * whose liquidation price falls in each price bucket. The report shows the TRUE map (from the simulated positions)
 * beside the ESTIMATED one (what a data vendor infers from open-interest changes) on the same axes.
 *
 * <p>Arrays are copied in and out: a heatmap is immutable.
 *
 * @param priceBucketsUsd the centres of the price buckets, USD per unit of base asset, strictly increasing; a bucket
 *                        reaches halfway to its neighbours (uniform spacing draws best: {@link #uniformBuckets})
 * @param timesMs         the snapshot times, epoch milliseconds (UTC), strictly increasing; need not be the minute
 *                        clock (every 5 or 15 minutes is plenty)
 * @param valuesUsd       {@code valuesUsd[time][bucket]}: USD notional of positions whose liquidation price is in
 *                        the bucket at that time; finite, {@code >= 0}
 */
public record Heatmap(double[] priceBucketsUsd, long[] timesMs, double[][] valuesUsd) {
    /** No map (not recorded in this run). */
    public static final Heatmap NONE = new Heatmap(new double[0], new long[0], new double[0][]);

    public Heatmap {
        Objects.requireNonNull(priceBucketsUsd, "heatmap priceBucketsUsd");
        Objects.requireNonNull(valuesUsd, "heatmap valuesUsd");
        for (int b = 0; b < priceBucketsUsd.length; b++) {
            if (!Double.isFinite(priceBucketsUsd[b])) {
                throw new IllegalArgumentException("heatmap priceBucketsUsd[" + b + "] is not finite");
            }
            if (b > 0 && priceBucketsUsd[b] <= priceBucketsUsd[b - 1]) {
                throw new IllegalArgumentException("heatmap priceBucketsUsd must be strictly increasing: [" + (b - 1)
                        + "]=" + priceBucketsUsd[b - 1] + " then [" + b + "]=" + priceBucketsUsd[b]);
            }
        }
        priceBucketsUsd = priceBucketsUsd.clone();
        timesMs = Series.increasing(timesMs, "heatmap timesMs");
        if (valuesUsd.length != timesMs.length) {
            throw new IllegalArgumentException("heatmap valuesUsd has " + valuesUsd.length + " rows but there are "
                    + timesMs.length + " times (one row per time)");
        }
        double[][] copy = new double[valuesUsd.length][];
        for (int t = 0; t < valuesUsd.length; t++) {
            double[] row = Objects.requireNonNull(valuesUsd[t], "heatmap valuesUsd row " + t);
            if (row.length != priceBucketsUsd.length) {
                throw new IllegalArgumentException("heatmap valuesUsd[" + t + "] has " + row.length
                        + " values but there are " + priceBucketsUsd.length + " price buckets");
            }
            for (int b = 0; b < row.length; b++) {
                if (!(row[b] >= 0) || Double.isInfinite(row[b])) {
                    throw new IllegalArgumentException("heatmap valuesUsd[" + t + "][" + b
                            + "] must be a finite amount >= 0, got " + row[b]);
                }
            }
            copy[t] = row.clone();
        }
        valuesUsd = copy;
    }

    /** True when the map has no cell (not recorded). */
    public boolean isEmpty() {
        return timesMs.length == 0 || priceBucketsUsd.length == 0;
    }

    /** Whether {@code other} has the same price buckets and times (so both can be drawn on the same axes). */
    public boolean sameAxes(Heatmap other) {
        return Arrays.equals(priceBucketsUsd, other.priceBucketsUsd) && Arrays.equals(timesMs, other.timesMs);
    }

    @Override
    public double[] priceBucketsUsd() {
        return priceBucketsUsd.clone();
    }

    @Override
    public long[] timesMs() {
        return timesMs.clone();
    }

    @Override
    public double[][] valuesUsd() {
        double[][] copy = new double[valuesUsd.length][];
        for (int t = 0; t < copy.length; t++) {
            copy[t] = valuesUsd[t].clone();
        }
        return copy;
    }

    /** The value of one cell, without copying the map. */
    public double valueUsd(int timeIndex, int bucketIndex) {
        return valuesUsd[timeIndex][bucketIndex];
    }

    /** {@code count} bucket centres evenly spaced from {@code lowUsd} to {@code highUsd} inclusive. */
    public static double[] uniformBuckets(double lowUsd, double highUsd, int count) {
        if (count < 2 || !(highUsd > lowUsd)) {
            throw new IllegalArgumentException("uniform buckets need count >= 2 and high > low, got count=" + count
                    + " low=" + lowUsd + " high=" + highUsd);
        }
        double[] centres = new double[count];
        double step = (highUsd - lowUsd) / (count - 1);
        for (int i = 0; i < count; i++) {
            centres[i] = lowUsd + i * step;
        }
        return centres;
    }

    /** A builder over fixed price buckets; add snapshots in time order. */
    public static Builder builder(double[] priceBucketsUsd) {
        return new Builder(priceBucketsUsd);
    }

    /**
     * Fills a heatmap snapshot by snapshot: either a whole row ({@link #snapshot(long, double[])}) or position by
     * position ({@link #snapshot(long)} then {@link #addPosition}). Not thread-safe.
     */
    public static final class Builder {
        private final double[] buckets;
        private final List<Long> times = new ArrayList<>();
        private final List<double[]> rows = new ArrayList<>();
        private double outsideUsd;

        private Builder(double[] priceBucketsUsd) {
            this.buckets = new Heatmap(priceBucketsUsd, new long[0], new double[0][]).priceBucketsUsd();
            if (buckets.length == 0) {
                throw new IllegalArgumentException("a heatmap needs at least one price bucket");
            }
        }

        /** Starts an empty snapshot at {@code timeMs} (after the previous one); fill it with {@link #addPosition}. */
        public Builder snapshot(long timeMs) {
            if (!times.isEmpty() && timeMs <= times.get(times.size() - 1)) {
                throw new IllegalArgumentException("heatmap snapshot at " + timeMs + " is not after the previous one at "
                        + times.get(times.size() - 1));
            }
            times.add(timeMs);
            rows.add(new double[buckets.length]);
            return this;
        }

        /** Adds a whole snapshot: {@code valuesUsd[bucket]}, USD. */
        public Builder snapshot(long timeMs, double[] valuesUsd) {
            if (valuesUsd.length != buckets.length) {
                throw new IllegalArgumentException("heatmap snapshot at " + timeMs + " has " + valuesUsd.length
                        + " values but there are " + buckets.length + " price buckets");
            }
            snapshot(timeMs);
            System.arraycopy(valuesUsd, 0, rows.get(rows.size() - 1), 0, valuesUsd.length);
            return this;
        }

        /**
         * Adds a position's notional (USD) to the bucket of its liquidation price in the current snapshot. A price
         * beyond the outer buckets' half-widths is not on the map; its notional is counted in {@link #outsideUsd()}.
         */
        public Builder addPosition(double liquidationPriceUsd, double notionalUsd) {
            if (rows.isEmpty()) {
                throw new IllegalStateException("call snapshot(timeMs) before addPosition");
            }
            if (!(notionalUsd >= 0) || Double.isInfinite(notionalUsd)) {
                throw new IllegalArgumentException("position notional must be a finite amount >= 0, got "
                        + notionalUsd);
            }
            int b = bucketOf(liquidationPriceUsd);
            if (b < 0) {
                outsideUsd += notionalUsd;
            } else {
                rows.get(rows.size() - 1)[b] += notionalUsd;
            }
            return this;
        }

        /** Notional added with a liquidation price off the map, USD (to say how much the map leaves out). */
        public double outsideUsd() {
            return outsideUsd;
        }

        public Heatmap build() {
            long[] t = new long[times.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(i);
            }
            return new Heatmap(buckets, t, rows.toArray(new double[0][]));
        }

        /** The nearest centre's index, or -1 beyond the outer half-widths (or for a NaN price). */
        private int bucketOf(double price) {
            int n = buckets.length;
            double lowEdge = n == 1 ? buckets[0] : buckets[0] - (buckets[1] - buckets[0]) / 2;
            double highEdge = n == 1 ? buckets[0] : buckets[n - 1] + (buckets[n - 1] - buckets[n - 2]) / 2;
            if (!(price >= lowEdge && price <= highEdge)) {
                return -1;
            }
            int i = Arrays.binarySearch(buckets, price);
            if (i >= 0) {
                return i;
            }
            int above = -i - 1;
            if (above == 0) {
                return 0;
            }
            if (above == n) {
                return n - 1;
            }
            return price - buckets[above - 1] <= buckets[above] - price ? above - 1 : above;
        }
    }
}
