package aftershock.signals.leverage;

import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;
import org.junit.jupiter.api.Test;

import static aftershock.signals.Ev.d;
import static aftershock.signals.Ev.mark;
import static aftershock.signals.Ev.oi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenInterestRebuildTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    private static final long T0 = 20_000 * DAY;
    private static final Market BTC = new Market(FeedSource.BINANCE_USDM, "BTCUSDT");

    private static OpenInterestRebuild rebuild() {
        return new OpenInterestRebuild(BTC, OpenInterestRebuildConfig.defaults());
    }

    private static void oiAt(OpenInterestRebuild r, long ts, String qty) {
        r.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", ts, qty), ts);
    }

    private static void fundingAt(OpenInterestRebuild r, long ts, String rate) {
        r.accept(mark(FeedSource.BINANCE_USDM, "BTCUSDT", ts, "100000", rate), ts);
    }

    /** 100,000 → 95,000 (−5 %: a flush) → 94,000 (a deeper low at T0 + 2 h). */
    private static OpenInterestRebuild flushed() {
        OpenInterestRebuild r = rebuild();
        oiAt(r, T0, "100000");
        oiAt(r, T0 + HOUR, "96500");
        assertFalse(r.flushed()); // −3.5 % is not a flush
        oiAt(r, T0 + HOUR + 1, "95000");
        assertTrue(r.flushed());
        oiAt(r, T0 + 2 * HOUR, "94000");
        return r;
    }

    @Test
    void aDropBeyondTheThresholdIsAFlushAndTheLowIsFollowed() {
        OpenInterestRebuild r = flushed();
        assertEquals(1, r.flushes());
        assertEquals(d("94000"), r.lowQtyE8());
        assertEquals(d("6"), r.flushDropPctE8());
        assertEquals(T0 + HOUR + 1, r.flushTsMs());
    }

    @Test
    void theRebuildSpeedIsPercentPerDaySinceTheLow() {
        OpenInterestRebuild r = flushed();
        oiAt(r, T0 + 2 * HOUR + HOUR / 2, "94100");
        assertEquals(MarketEvent.ABSENT, r.rebuildPctPerDayE8()); // 30 min after the low: too early
        assertEquals(LeverageRead.MEASURING, r.read(MarketEvent.ABSENT));
        oiAt(r, T0 + 2 * HOUR + DAY / 2, "96820");
        // +3 % in half a day
        assertEquals(d("6"), r.rebuildPctPerDayE8());
    }

    @Test
    void fastReleveringWithPositiveFundingWhileThePremiumIsNegativeIsAWarning() {
        OpenInterestRebuild r = flushed();
        fundingAt(r, T0 + 3 * HOUR, "0.0002");
        oiAt(r, T0 + 2 * HOUR + DAY, "96820"); // +3 %/day: fast
        assertEquals(d("3"), r.rebuildPctPerDayE8());
        assertEquals(d("0.02"), r.fundingRatePctE8());
        assertEquals(LeverageRead.WARNING, r.read(d("-0.03")));
        assertEquals(LeverageRead.MIXED, r.read(d("0.01")));
        assertEquals(LeverageRead.MIXED, r.read(MarketEvent.ABSENT));
    }

    @Test
    void slowRebuildWithFlatOrNegativeFundingIsHealthy() {
        OpenInterestRebuild r = flushed();
        fundingAt(r, T0 + 3 * HOUR, "-0.0001");
        oiAt(r, T0 + 2 * HOUR + DAY, "95880"); // +2 %/day
        assertEquals(d("2"), r.rebuildPctPerDayE8());
        assertEquals(LeverageRead.HEALTHY, r.read(d("-0.03")));
        fundingAt(r, T0 + 2 * HOUR + DAY, "0.0001"); // 0.01 %: still flat
        assertEquals(LeverageRead.HEALTHY, r.read(d("-0.03")));
        fundingAt(r, T0 + 2 * HOUR + DAY, "0.00011");
        assertEquals(LeverageRead.MIXED, r.read(d("-0.03")));
    }

    @Test
    void withoutAFlushThereIsNoRead() {
        OpenInterestRebuild r = rebuild();
        oiAt(r, T0, "100000");
        oiAt(r, T0 + HOUR, "101000");
        assertEquals(LeverageRead.NO_FLUSH, r.read(d("-0.03")));
        assertEquals(MarketEvent.ABSENT, r.rebuildPctPerDayE8());
    }

    @Test
    void aNewHighAfterTheLowThenAnotherDropStartsANewFlush() {
        OpenInterestRebuild r = flushed();
        oiAt(r, T0 + 3 * HOUR, "94500");
        assertEquals(1, r.flushes()); // still 6 % below the old high but no new high since the low
        oiAt(r, T0 + 2 * DAY, "99000");
        oiAt(r, T0 + 2 * DAY + HOUR, "95000");
        assertEquals(2, r.flushes());
        assertEquals(d("95000"), r.lowQtyE8());
    }

    @Test
    void openInterestInDollarsIsCoinsTimesMarkUnlessTheVenueGivesIt() {
        OpenInterestRebuild r = rebuild();
        oiAt(r, T0, "2.5");
        assertEquals(MarketEvent.ABSENT, r.openInterestUsdE8());
        fundingAt(r, T0, "0.0001");
        assertEquals(d("250000"), r.openInterestUsdE8());
        r.accept(new MarketEvent.OpenInterest(FeedSource.BINANCE_USDM, "BTCUSDT", T0 + 1, T0 + 1, d("3"),
                d("299000")), T0 + 1);
        assertEquals(d("299000"), r.openInterestUsdE8());
        assertEquals(FixedE8.ONE / 100, r.fundingRatePctE8());
    }
}
