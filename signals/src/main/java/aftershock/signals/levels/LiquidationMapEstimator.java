package aftershock.signals.levels;

import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.FixedE8.Round;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Estimates a perpetual's liquidation map from open-interest changes, as data vendors do (models.md, "Liquidation
 * maps"; CoinGlass, Hyblock):
 * <ul>
 *   <li>an open-interest increase ΔOI (coins) at the current price P (latest trade, else mark) is new notional
 *       ΔOI × P, split between leveraged longs and shorts by {@link SideSplit}, then between the leverage tiers by
 *       their weights (rounded down, the remainder to the last tier);</li>
 *   <li>each part's liquidation price is P × (1 − 1/L + MMR) for a long and P × (1 + 1/L − MMR) for a short (rounded
 *       down), and its notional is added to that price's bucket;</li>
 *   <li>an open-interest decrease removes positions proportionally: every bucket is scaled by OI_new / OI_old
 *       (rounded down);</li>
 *   <li>with {@code consumeCrossed}, a long bucket is removed once the price is at or below its lower edge and a
 *       short bucket once the price is at or above its upper edge (those positions were liquidated).</li>
 * </ul>
 * The map shows where liquidation levels were opened; like a vendor's it ignores positions open before the first
 * open-interest figure, margin added later and partial closes. {@link #trueMap} builds the map of a known set of
 * positions the same way, so that an estimate can be measured ({@link LiquidationMap#compare}).
 */
public final class LiquidationMapEstimator {
    private final LiquidationMapConfig config;
    private final TreeMap<Long, Long> longs = new TreeMap<>();
    private final TreeMap<Long, Long> shorts = new TreeMap<>();
    private long oiQtyE8 = MarketEvent.ABSENT;
    private long tradeE8 = MarketEvent.ABSENT;
    private long markE8 = MarketEvent.ABSENT;
    private long takerBuyQtyE8;
    private long takerSellQtyE8;
    private long unattributedQtyE8;

    public LiquidationMapEstimator(LiquidationMapConfig config) {
        this.config = config;
    }

    public LiquidationMapConfig config() {
        return config;
    }

    /** Takes the event if it is this market's trade, mark or open interest; returns whether it did. */
    public boolean accept(MarketEvent e, long nowMs) {
        if (!config.market().matches(e)) {
            return false;
        }
        return switch (e.kind()) {
            case TRADE -> trade((MarketEvent.Trade) e);
            case MARK_FUNDING -> mark((MarketEvent.MarkFunding) e);
            case OPEN_INTEREST -> {
                openInterest(((MarketEvent.OpenInterest) e).openInterestQtyE8());
                yield true;
            }
            case BOOK_TOP, BOOK_DEPTH, LIQUIDATION, ADL_NOTICE -> false;
        };
    }

    private boolean trade(MarketEvent.Trade t) {
        tradeE8 = t.priceE8();
        if (t.aggressorSide() == Side.BUY) {
            takerBuyQtyE8 = Math.addExact(takerBuyQtyE8, t.qtyE8());
        } else {
            takerSellQtyE8 = Math.addExact(takerSellQtyE8, t.qtyE8());
        }
        consume();
        return true;
    }

    private boolean mark(MarketEvent.MarkFunding m) {
        if (m.markPriceE8() == MarketEvent.ABSENT) {
            return false;
        }
        markE8 = m.markPriceE8();
        consume();
        return true;
    }

    /** The current price: the latest trade, else the latest mark; ABSENT if neither. */
    public long priceE8() {
        return tradeE8 != MarketEvent.ABSENT ? tradeE8 : markE8;
    }

    /** Open-interest increases that came before any price and could not be placed (coins, E8). */
    public long unattributedQtyE8() {
        return unattributedQtyE8;
    }

    /** Applies a new open-interest figure (coins, E8). */
    public void openInterest(long qtyE8) {
        if (qtyE8 < 0) {
            throw new IllegalArgumentException("open interest must not be negative: " + qtyE8);
        }
        long previous = oiQtyE8;
        oiQtyE8 = qtyE8;
        if (previous == MarketEvent.ABSENT) {
            resetFlow();
            return; // the baseline: positions opened before it are unknown
        }
        if (qtyE8 > previous) {
            long price = priceE8();
            long delta = qtyE8 - previous;
            if (price == MarketEvent.ABSENT) {
                unattributedQtyE8 = Math.addExact(unattributedQtyE8, delta);
            } else {
                long notional = FixedE8.multiply(delta, price, Round.FLOOR);
                long longNotional = FixedE8.multiply(notional, longShare(), Round.FLOOR);
                open(PositionSide.LONG, price, longNotional);
                open(PositionSide.SHORT, price, notional - longNotional);
            }
        } else if (qtyE8 < previous) {
            scale(longs, qtyE8, previous);
            scale(shorts, qtyE8, previous);
        }
        resetFlow();
    }

    private void resetFlow() {
        takerBuyQtyE8 = 0;
        takerSellQtyE8 = 0;
    }

    private long longShare() {
        long total = takerBuyQtyE8 + takerSellQtyE8;
        return switch (config.sideSplit()) {
            case FIXED -> config.longShareE8();
            case TAKER_SHARE -> total == 0 ? config.longShareE8()
                    : FixedE8.mulDiv(takerBuyQtyE8, FixedE8.ONE, total, Round.FLOOR);
            case TAKER_SIGN -> takerBuyQtyE8 > takerSellQtyE8 ? FixedE8.ONE
                    : takerSellQtyE8 > takerBuyQtyE8 ? 0 : config.longShareE8();
        };
    }

    private void open(PositionSide side, long entryE8, long notionalE8) {
        if (notionalE8 <= 0) {
            return;
        }
        long placed = 0;
        int last = config.tiers().size() - 1;
        for (int i = 0; i <= last; i++) {
            LeverageTier tier = config.tiers().get(i);
            long part = i == last ? notionalE8 - placed
                    : FixedE8.mulDiv(notionalE8, tier.weightE8(), FixedE8.ONE, Round.FLOOR);
            placed += part;
            add(side == PositionSide.LONG ? longs : shorts,
                    liquidationPriceE8(side, entryE8, tier.leverage(), config.mmrE8()), part);
        }
    }

    private void add(TreeMap<Long, Long> book, long liquidationPriceE8, long notionalE8) {
        if (notionalE8 <= 0 || liquidationPriceE8 <= 0) {
            return; // a position that cannot be liquidated (1× long with no maintenance margin) is not on the map
        }
        book.merge(Math.floorDiv(liquidationPriceE8, config.bucketSizeE8()), notionalE8, Math::addExact);
    }

    private static void scale(TreeMap<Long, Long> book, long numerator, long denominator) {
        var it = book.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Long> e = it.next();
            long v = FixedE8.mulDiv(e.getValue(), numerator, denominator, Round.FLOOR);
            if (v == 0) {
                it.remove();
            } else {
                e.setValue(v);
            }
        }
    }

    private void consume() {
        if (!config.consumeCrossed()) {
            return;
        }
        long price = priceE8();
        long size = config.bucketSizeE8();
        // long bucket k is crossed when price ≤ k·size; short bucket k when price ≥ (k + 1)·size
        longs.tailMap(Math.floorDiv(price + size - 1, size), true).clear();
        shorts.headMap(Math.floorDiv(price, size), false).clear();
    }

    /**
     * The liquidation price vendors assume: entry × (1 − 1/L + MMR) for a long, entry × (1 + 1/L − MMR) for a short,
     * computed exactly and rounded down.
     */
    public static long liquidationPriceE8(PositionSide side, long entryE8, int leverage, long mmrE8) {
        long denominator = Math.multiplyExact((long) leverage, FixedE8.ONE);
        long lmmr = Math.multiplyExact((long) leverage, mmrE8);
        long numerator = side == PositionSide.LONG ? denominator - FixedE8.ONE + lmmr
                : denominator + FixedE8.ONE - lmmr;
        return FixedE8.mulDiv(entryE8, numerator, denominator, Round.FLOOR);
    }

    /** The current estimate. */
    public LiquidationMap map() {
        return build(config.bucketSizeE8(), longs, shorts);
    }

    /**
     * The TRUE map of known positions, built the same way (notional = quantity × entry price rounded down, the
     * position's own leverage, this estimator's MMR and buckets).
     */
    public LiquidationMap trueMap(Collection<TruePosition> positions) {
        return trueMap(positions, config.bucketSizeE8(), config.mmrE8());
    }

    /** The TRUE map of known positions with the given buckets and MMR. */
    public static LiquidationMap trueMap(Collection<TruePosition> positions, long bucketSizeE8, long mmrE8) {
        TreeMap<Long, Long> l = new TreeMap<>();
        TreeMap<Long, Long> s = new TreeMap<>();
        for (TruePosition p : positions) {
            long notional = FixedE8.multiply(p.qtyE8(), p.entryPriceE8(), Round.FLOOR);
            long liq = liquidationPriceE8(p.side(), p.entryPriceE8(), p.leverage(), mmrE8);
            if (notional > 0 && liq > 0) {
                (p.side() == PositionSide.LONG ? l : s).merge(Math.floorDiv(liq, bucketSizeE8), notional,
                        Math::addExact);
            }
        }
        return build(bucketSizeE8, l, s);
    }

    private static LiquidationMap build(long bucketSizeE8, TreeMap<Long, Long> l, TreeMap<Long, Long> s) {
        TreeMap<Long, LiquidationMap.Level> levels = new TreeMap<>();
        for (Map.Entry<Long, Long> e : l.entrySet()) {
            long low = Math.multiplyExact(e.getKey(), bucketSizeE8);
            levels.put(low, new LiquidationMap.Level(low, e.getValue(), 0));
        }
        for (Map.Entry<Long, Long> e : s.entrySet()) {
            long low = Math.multiplyExact(e.getKey(), bucketSizeE8);
            LiquidationMap.Level prev = levels.get(low);
            levels.put(low, new LiquidationMap.Level(low, prev == null ? 0 : prev.longUsdE8(), e.getValue()));
        }
        return new LiquidationMap(bucketSizeE8, levels);
    }
}
