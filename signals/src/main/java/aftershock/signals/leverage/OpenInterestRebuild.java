package aftershock.signals.leverage;

import aftershock.feeds.MarketEvent;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.FixedE8.Round;
import aftershock.signals.series.Market;
import aftershock.signals.series.RollingMax;

/**
 * Funding and the speed of the open-interest rebuild after a flush, for one perpetual (the seed's fourth playbook
 * signal: "slow OI reconstruction with flat or slightly negative funding" is healthy, re-levering "while U.S. spot
 * continues distributing" is a warning).
 *
 * <p>A flush is detected when open interest in coins (not US$, which moves with price) falls at least
 * {@code flushDropPctE8} below its rolling high. From then on the low is followed (a deeper low moves it); the rebuild
 * speed is {@code (OI − low) / low × 100 × day / (now − lowTime)} in %/day, reported once {@code rebuildMinElapsedMs}
 * have passed since the low. A new flush — a fall beyond the threshold from a high set after the current low — starts
 * a new episode. The US$ open interest is the venue's value when it publishes one, else coins × the latest mark
 * (or trade) price.
 */
public final class OpenInterestRebuild {
    private static final long DAY_MS = 86_400_000L;

    private final Market market;
    private final OpenInterestRebuildConfig config;
    private final RollingMax high;

    private long oiQtyE8 = MarketEvent.ABSENT;
    private long oiValueUsdE8 = MarketEvent.ABSENT;
    private long oiTsMs = Long.MIN_VALUE;
    private long markE8 = MarketEvent.ABSENT;
    private long tradeE8 = MarketEvent.ABSENT;
    private long fundingRateE8 = MarketEvent.ABSENT;

    private boolean flushed;
    private long flushTsMs = Long.MIN_VALUE;
    private long flushPeakQtyE8;
    private long lowQtyE8;
    private long lowTsMs;
    private int flushes;

    public OpenInterestRebuild(Market market, OpenInterestRebuildConfig config) {
        this.market = market;
        this.config = config;
        this.high = new RollingMax(config.bucketMs(), config.flushWindowMs());
    }

    public Market market() {
        return market;
    }

    /** Takes the event if it is this perp's mark/funding, trade or open interest; returns whether it did. */
    public boolean accept(MarketEvent e, long nowMs) {
        if (!market.matches(e)) {
            return false;
        }
        return switch (e.kind()) {
            case MARK_FUNDING -> markFunding((MarketEvent.MarkFunding) e);
            case TRADE -> {
                tradeE8 = ((MarketEvent.Trade) e).priceE8();
                yield true;
            }
            case OPEN_INTEREST -> {
                openInterest((MarketEvent.OpenInterest) e, nowMs);
                yield true;
            }
            case BOOK_TOP, BOOK_DEPTH, LIQUIDATION, ADL_NOTICE -> false;
        };
    }

    private boolean markFunding(MarketEvent.MarkFunding m) {
        if (m.markPriceE8() != MarketEvent.ABSENT) {
            markE8 = m.markPriceE8();
        }
        if (m.fundingRateE8() != MarketEvent.ABSENT) {
            fundingRateE8 = m.fundingRateE8();
        }
        return true;
    }

    private void openInterest(MarketEvent.OpenInterest oi, long nowMs) {
        long qty = oi.openInterestQtyE8();
        oiQtyE8 = qty;
        oiValueUsdE8 = oi.openInterestValueUsdE8();
        oiTsMs = nowMs;
        high.add(nowMs, qty);
        long peak = high.max(nowMs);
        if (peak == 0) {
            return;
        }
        boolean beyondThreshold = FixedE8.percent(peak - qty, peak) >= config.flushDropPctE8();
        if (flushed && qty < lowQtyE8) {
            lowQtyE8 = qty;
            lowTsMs = nowMs;
        }
        if (beyondThreshold && (!flushed || (high.maxTsMs(nowMs) > lowTsMs && qty > lowQtyE8))) {
            flushed = true;
            flushes++;
            flushTsMs = nowMs;
            flushPeakQtyE8 = peak;
            lowQtyE8 = qty;
            lowTsMs = nowMs;
        }
    }

    /** Open interest in coins (E8), or ABSENT. */
    public long openInterestQtyE8() {
        return oiQtyE8;
    }

    /** Open interest in US$ (E8): the venue's value, else coins × mark (or last trade), rounded down; or ABSENT. */
    public long openInterestUsdE8() {
        if (oiQtyE8 == MarketEvent.ABSENT) {
            return MarketEvent.ABSENT;
        }
        if (oiValueUsdE8 != MarketEvent.ABSENT) {
            return oiValueUsdE8;
        }
        long price = markE8 != MarketEvent.ABSENT ? markE8 : tradeE8;
        return price == MarketEvent.ABSENT ? MarketEvent.ABSENT : FixedE8.multiply(oiQtyE8, price, Round.FLOOR);
    }

    /** The latest funding rate (a fraction per funding interval, E8: 0.0001 is 10_000), or ABSENT. */
    public long fundingRateE8() {
        return fundingRateE8;
    }

    /** The latest funding rate in % (E8: 0.01 % is 1_000_000), or ABSENT. */
    public long fundingRatePctE8() {
        return fundingRateE8 == MarketEvent.ABSENT ? MarketEvent.ABSENT : Math.multiplyExact(fundingRateE8, 100);
    }

    /** Whether a flush has been seen. */
    public boolean flushed() {
        return flushed;
    }

    /** Flushes seen so far. */
    public int flushes() {
        return flushes;
    }

    /** When the current flush was detected, or {@link Long#MIN_VALUE}. */
    public long flushTsMs() {
        return flushTsMs;
    }

    /** The current flush's depth: (peak − low) / peak in % (E8), or ABSENT. */
    public long flushDropPctE8() {
        return flushed ? FixedE8.percent(flushPeakQtyE8 - lowQtyE8, flushPeakQtyE8) : MarketEvent.ABSENT;
    }

    /** The low of the current flush in coins (E8), or ABSENT. */
    public long lowQtyE8() {
        return flushed ? lowQtyE8 : MarketEvent.ABSENT;
    }

    /** The rebuild since the low in %/day (E8, half up), or ABSENT before a flush or within the minimum time. */
    public long rebuildPctPerDayE8() {
        if (!flushed || lowQtyE8 == 0) {
            return MarketEvent.ABSENT;
        }
        long elapsed = oiTsMs - lowTsMs;
        if (elapsed < config.rebuildMinElapsedMs()) {
            return MarketEvent.ABSENT;
        }
        long pct = FixedE8.percent(oiQtyE8 - lowQtyE8, lowQtyE8);
        return FixedE8.mulDiv(pct, DAY_MS, elapsed, Round.HALF_UP);
    }

    /**
     * The read: WARNING for a fast rebuild with funding above flat while the Coinbase premium ({@code premiumPctE8},
     * ABSENT if unknown) is negative; HEALTHY for a slow rebuild with flat or negative funding; MIXED otherwise
     * (unknown funding included).
     */
    public LeverageRead read(long premiumPctE8) {
        if (!flushed) {
            return LeverageRead.NO_FLUSH;
        }
        long speed = rebuildPctPerDayE8();
        if (speed == MarketEvent.ABSENT) {
            return LeverageRead.MEASURING;
        }
        if (fundingRateE8 == MarketEvent.ABSENT) {
            return LeverageRead.MIXED;
        }
        boolean fast = speed >= config.fastRebuildPctPerDayE8();
        boolean fundingFlat = fundingRateE8 <= config.fundingFlatMaxE8();
        if (fast && !fundingFlat && premiumPctE8 != MarketEvent.ABSENT && premiumPctE8 < 0) {
            return LeverageRead.WARNING;
        }
        if (!fast && fundingFlat) {
            return LeverageRead.HEALTHY;
        }
        return LeverageRead.MIXED;
    }
}
