package aftershock.signals.levels;

import aftershock.feeds.PositionSide;
import aftershock.signals.series.FixedE8;

import java.math.BigInteger;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A liquidation map: per price bucket {@code [priceLowE8, priceLowE8 + bucketSizeE8)}, the notional (US$ E8, at entry)
 * of long and of short positions whose liquidation price falls in it. Immutable; buckets sorted by price.
 */
public record LiquidationMap(long bucketSizeE8, SortedMap<Long, Level> levels) {
    /** One bucket: its lower edge and the long and short notional liquidated there. */
    public record Level(long priceLowE8, long longUsdE8, long shortUsdE8) {
    }

    /**
     * The densest bucket of one side on one side of the price: its edges, notional and distance from the price to its
     * middle in % (E8, positive).
     */
    public record Cluster(PositionSide side, long priceLowE8, long priceHighE8, long notionalUsdE8,
                          long distancePctE8) {
        /** The middle of the bucket. */
        public long priceMidE8() {
            return priceLowE8 + (priceHighE8 - priceLowE8) / 2;
        }
    }

    /**
     * How far an estimate is from the truth: the total-variation distance between the two maps normalised to
     * distributions over (bucket, side) — 0 identical shapes, 1 disjoint (E8) — and the errors of the densest long
     * cluster below and short cluster above a reference price (|estimate − truth| of their middles, US$ E8; ABSENT
     * where either map has no such cluster).
     */
    public record Error(long totalVariationE8, long longClusterErrorE8, long shortClusterErrorE8) {
    }

    public LiquidationMap {
        if (bucketSizeE8 <= 0) {
            throw new IllegalArgumentException("bucketSizeE8 must be positive: " + bucketSizeE8);
        }
        levels = Collections.unmodifiableSortedMap(new TreeMap<>(levels));
    }

    /** A map of no positions. */
    public static LiquidationMap empty(long bucketSizeE8) {
        return new LiquidationMap(bucketSizeE8, new TreeMap<>());
    }

    public long totalLongUsdE8() {
        long sum = 0;
        for (Level l : levels.values()) {
            sum = Math.addExact(sum, l.longUsdE8());
        }
        return sum;
    }

    public long totalShortUsdE8() {
        long sum = 0;
        for (Level l : levels.values()) {
            sum = Math.addExact(sum, l.shortUsdE8());
        }
        return sum;
    }

    /** The bucket with the most long notional whose middle is below {@code priceE8} (nearest wins a tie), or null. */
    public Cluster densestLongBelow(long priceE8) {
        Level best = null;
        for (Level l : levels.values()) {
            if (mid(l) < priceE8 && l.longUsdE8() > 0 && (best == null || l.longUsdE8() >= best.longUsdE8())) {
                best = l;
            }
        }
        return best == null ? null : cluster(PositionSide.LONG, best, best.longUsdE8(), priceE8 - mid(best), priceE8);
    }

    /** The bucket with the most short notional whose middle is above {@code priceE8} (nearest wins a tie), or null. */
    public Cluster densestShortAbove(long priceE8) {
        Level best = null;
        for (Level l : levels.values()) {
            if (mid(l) > priceE8 && l.shortUsdE8() > 0 && (best == null || l.shortUsdE8() > best.shortUsdE8())) {
                best = l;
            }
        }
        return best == null ? null
                : cluster(PositionSide.SHORT, best, best.shortUsdE8(), mid(best) - priceE8, priceE8);
    }

    private Cluster cluster(PositionSide side, Level l, long notional, long distanceE8, long priceE8) {
        return new Cluster(side, l.priceLowE8(), l.priceLowE8() + bucketSizeE8, notional,
                FixedE8.percent(distanceE8, priceE8));
    }

    private long mid(Level l) {
        return l.priceLowE8() + bucketSizeE8 / 2;
    }

    /**
     * Compares an estimate with the truth (same bucket size): total-variation distance {@code ½ Σ |p − q|} over
     * (bucket, side), computed exactly and rounded down to E8; 0 when both are empty, 1 when only one is. Cluster
     * errors are taken at {@code priceE8}.
     */
    public static Error compare(LiquidationMap estimate, LiquidationMap truth, long priceE8) {
        if (estimate.bucketSizeE8() != truth.bucketSizeE8()) {
            throw new IllegalArgumentException("maps with different buckets: " + estimate.bucketSizeE8() + " vs "
                    + truth.bucketSizeE8());
        }
        BigInteger n = BigInteger.valueOf(estimate.totalLongUsdE8()).add(BigInteger.valueOf(estimate.totalShortUsdE8()));
        BigInteger m = BigInteger.valueOf(truth.totalLongUsdE8()).add(BigInteger.valueOf(truth.totalShortUsdE8()));
        long tv;
        if (n.signum() == 0 && m.signum() == 0) {
            tv = 0;
        } else if (n.signum() == 0 || m.signum() == 0) {
            tv = FixedE8.ONE;
        } else {
            TreeSet<Long> keys = new TreeSet<>(estimate.levels().keySet());
            keys.addAll(truth.levels().keySet());
            BigInteger sum = BigInteger.ZERO;
            for (long k : keys) {
                Level e = estimate.levels().get(k);
                Level t = truth.levels().get(k);
                sum = sum.add(gap(e == null ? 0 : e.longUsdE8(), t == null ? 0 : t.longUsdE8(), n, m));
                sum = sum.add(gap(e == null ? 0 : e.shortUsdE8(), t == null ? 0 : t.shortUsdE8(), n, m));
            }
            // ½ Σ |e/N − t/M| = Σ |e·M − t·N| / (2·N·M)
            tv = sum.multiply(BigInteger.valueOf(FixedE8.ONE))
                    .divide(n.multiply(m).shiftLeft(1)).longValueExact();
        }
        return new Error(tv, clusterError(estimate.densestLongBelow(priceE8), truth.densestLongBelow(priceE8)),
                clusterError(estimate.densestShortAbove(priceE8), truth.densestShortAbove(priceE8)));
    }

    private static BigInteger gap(long e, long t, BigInteger n, BigInteger m) {
        return BigInteger.valueOf(e).multiply(m).subtract(BigInteger.valueOf(t).multiply(n)).abs();
    }

    private static long clusterError(Cluster estimate, Cluster truth) {
        if (estimate == null || truth == null) {
            return Long.MIN_VALUE;
        }
        return Math.abs(estimate.priceMidE8() - truth.priceMidE8());
    }
}
