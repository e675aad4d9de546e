package aftershock.signals.levels;

import aftershock.feeds.MarketEvent;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.FixedE8.Round;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Volume at price from trades over a trailing window, and the support and resistance zones it suggests: maximal runs
 * of adjacent price buckets whose traded quantity is at least {@code zoneMultipleE8} × the mean of the traded buckets
 * (high-volume nodes, where the market has accepted price). The nearest zone at or below the price is the support,
 * the nearest above it the resistance (the seed's "105–107k zone").
 */
public final class VolumeProfile {
    /** A zone: {@code [lowE8, highE8)} and the quantity traded in it (coins, E8). */
    public record Zone(long lowE8, long highE8, long volumeQtyE8) {
    }

    private final VolumeProfileConfig config;
    private final ArrayDeque<Map.Entry<Long, TreeMap<Long, Long>>> slices = new ArrayDeque<>();
    private final TreeMap<Long, Long> total = new TreeMap<>();
    private long totalQtyE8;
    private long lastPriceE8 = MarketEvent.ABSENT;
    private long nowMs = Long.MIN_VALUE;

    public VolumeProfile(VolumeProfileConfig config) {
        this.config = config;
    }

    public VolumeProfileConfig config() {
        return config;
    }

    public void accept(MarketEvent e, long nowMs) {
        advanceTo(nowMs);
        if (!(e instanceof MarketEvent.Trade t) || !config.market().matches(e)) {
            return;
        }
        lastPriceE8 = t.priceE8();
        long slice = Math.floorDiv(nowMs, config.sliceMs());
        Map.Entry<Long, TreeMap<Long, Long>> tail = slices.peekLast();
        if (tail == null || tail.getKey() != slice) {
            tail = Map.entry(slice, new TreeMap<>());
            slices.addLast(tail);
        }
        long bucket = Math.floorDiv(t.priceE8(), config.bucketSizeE8());
        tail.getValue().merge(bucket, t.qtyE8(), Math::addExact);
        total.merge(bucket, t.qtyE8(), Math::addExact);
        totalQtyE8 = Math.addExact(totalQtyE8, t.qtyE8());
    }

    public void advanceTo(long nowMs) {
        this.nowMs = Math.max(this.nowMs, nowMs);
        long start = this.nowMs - config.windowMs();
        while (!slices.isEmpty() && (slices.peekFirst().getKey() + 1) * config.sliceMs() <= start) {
            for (Map.Entry<Long, Long> b : slices.pollFirst().getValue().entrySet()) {
                long left = total.get(b.getKey()) - b.getValue();
                if (left < 0) {
                    throw new IllegalStateException("invariant profile-covers-slices broken: bucket " + b.getKey()
                            + " would hold " + left);
                }
                if (left == 0) {
                    total.remove(b.getKey());
                } else {
                    total.put(b.getKey(), left);
                }
                totalQtyE8 -= b.getValue();
            }
        }
    }

    /** Quantity traded per bucket lower edge (E8) in the window. */
    public SortedMap<Long, Long> profile() {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (Map.Entry<Long, Long> e : total.entrySet()) {
            out.put(e.getKey() * config.bucketSizeE8(), e.getValue());
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** The latest trade price, or ABSENT. */
    public long lastPriceE8() {
        return lastPriceE8;
    }

    /** The zones, ascending by price. */
    public List<Zone> zones() {
        List<Zone> out = new ArrayList<>();
        if (total.isEmpty()) {
            return out;
        }
        // bucket ≥ multiple × total / n  ⇔  bucket × n ≥ multiple × total / 1e8 (kept exact in 128 bits)
        long threshold = FixedE8.mulDiv(config.zoneMultipleE8(), totalQtyE8, FixedE8.ONE, Round.FLOOR);
        long n = total.size();
        long runStart = 0;
        long runEnd = 0;
        long runQty = 0;
        boolean inRun = false;
        for (Map.Entry<Long, Long> e : total.entrySet()) {
            long bucket = e.getKey();
            boolean dense = FixedE8.mulDiv(e.getValue(), n, 1, Round.FLOOR) >= threshold;
            if (dense && inRun && bucket == runEnd) {
                runEnd = bucket + 1;
                runQty += e.getValue();
                continue;
            }
            if (inRun) {
                out.add(zone(runStart, runEnd, runQty));
                inRun = false;
            }
            if (dense) {
                inRun = true;
                runStart = bucket;
                runEnd = bucket + 1;
                runQty = e.getValue();
            }
        }
        if (inRun) {
            out.add(zone(runStart, runEnd, runQty));
        }
        return out;
    }

    private Zone zone(long startBucket, long endBucket, long qty) {
        return new Zone(startBucket * config.bucketSizeE8(), endBucket * config.bucketSizeE8(), qty);
    }

    /** The highest zone whose low is at or below {@code priceE8} (the price may be inside it), or null. */
    public Zone supportAt(long priceE8) {
        Zone best = null;
        for (Zone z : zones()) {
            if (z.lowE8() <= priceE8) {
                best = z;
            }
        }
        return best;
    }

    /** The lowest zone whose low is above {@code priceE8}, or null. */
    public Zone resistanceAt(long priceE8) {
        for (Zone z : zones()) {
            if (z.lowE8() > priceE8) {
                return z;
            }
        }
        return null;
    }
}
