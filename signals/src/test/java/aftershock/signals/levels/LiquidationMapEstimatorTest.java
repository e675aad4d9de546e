package aftershock.signals.levels;

import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static aftershock.signals.Ev.d;
import static aftershock.signals.Ev.mark;
import static aftershock.signals.Ev.oi;
import static aftershock.signals.Ev.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiquidationMapEstimatorTest {
    private static final long T0 = 20_000 * 86_400_000L;
    private static final Market BTC = new Market(FeedSource.BINANCE_USDM, "BTCUSDT");
    private static final long BUCKET = 100 * FixedE8.ONE;
    private static final long MMR = d("0.004");

    private static LiquidationMapEstimator estimator(List<LeverageTier> tiers, SideSplit split, String longShare) {
        return new LiquidationMapEstimator(new LiquidationMapConfig(BTC, BUCKET, tiers, MMR, split, d(longShare),
                true));
    }

    /** Without consumption, like the true map of open positions it is compared with. */
    private static LiquidationMapEstimator keeping(List<LeverageTier> tiers) {
        return new LiquidationMapEstimator(new LiquidationMapConfig(BTC, BUCKET, tiers, MMR, SideSplit.FIXED,
                FixedE8.ONE / 2, false));
    }

    private static List<LeverageTier> only(int leverage) {
        return List.of(new LeverageTier(leverage, FixedE8.ONE));
    }

    private static long ts = T0;

    private static void tradeAt(LiquidationMapEstimator e, String price, String qty, Side side) {
        ts++;
        e.accept(trade(FeedSource.BINANCE_USDM, "BTCUSDT", ts, price, qty, side), ts);
    }

    private static void oiAt(LiquidationMapEstimator e, String qty) {
        ts++;
        e.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", ts, qty), ts);
    }

    /** +1 BTC of open interest at 100,000, then +2 BTC at 104,000. */
    private static void twoEntries(LiquidationMapEstimator e) {
        tradeAt(e, "100000", "0.1", Side.BUY);
        oiAt(e, "1000");
        oiAt(e, "1001");
        tradeAt(e, "104000", "0.1", Side.BUY);
        oiAt(e, "1003");
    }

    /** The positions behind {@link #twoEntries}: each open-interest unit is a long and a short, half each. */
    private static List<TruePosition> truth() {
        return List.of(new TruePosition(PositionSide.LONG, d("100000"), d("0.5"), 10),
                new TruePosition(PositionSide.SHORT, d("100000"), d("0.5"), 10),
                new TruePosition(PositionSide.LONG, d("104000"), d("1"), 10),
                new TruePosition(PositionSide.SHORT, d("104000"), d("1"), 10));
    }

    private static LiquidationMap.Level level(String low, String longUsd, String shortUsd) {
        return new LiquidationMap.Level(d(low), d(longUsd), d(shortUsd));
    }

    @Test
    void liquidationPricesFollowTheVendorsFormula() {
        assertEquals(d("90400"), LiquidationMapEstimator.liquidationPriceE8(PositionSide.LONG, d("100000"), 10, MMR));
        assertEquals(d("109600"),
                LiquidationMapEstimator.liquidationPriceE8(PositionSide.SHORT, d("100000"), 10, MMR));
        assertEquals(d("99400"), LiquidationMapEstimator.liquidationPriceE8(PositionSide.LONG, d("100000"), 100, MMR));
        // 1/3 is not exact: 100000 × (3 − 1 + 0.012) / 3 = 67066.666… rounded down
        assertEquals(d("67066.66666666"),
                LiquidationMapEstimator.liquidationPriceE8(PositionSide.LONG, d("100000"), 3, MMR));
    }

    @Test
    void theEstimateEqualsTheTrueMapWhenItsAssumptionsMatch() {
        LiquidationMapEstimator e = keeping(only(10));
        twoEntries(e);
        LiquidationMap estimate = e.map();
        LiquidationMap truth = e.trueMap(truth());
        TreeMap<Long, LiquidationMap.Level> expected = new TreeMap<>();
        for (LiquidationMap.Level l : List.of(level("90400", "50000", "0"), level("94000", "104000", "0"),
                level("109600", "0", "50000"), level("113900", "0", "104000"))) {
            expected.put(l.priceLowE8(), l);
        }
        assertEquals(new LiquidationMap(BUCKET, expected), truth);
        assertEquals(truth, estimate);
        assertEquals(new LiquidationMap.Error(0, 0, 0), LiquidationMap.compare(estimate, truth, d("104000")));
    }

    @Test
    void aWrongLeverageMixHasAPositiveError() {
        LiquidationMapEstimator wrong = keeping(only(25));
        twoEntries(wrong);
        LiquidationMap truth = wrong.trueMap(truth());
        LiquidationMap.Error error = LiquidationMap.compare(wrong.map(), truth, d("104000"));
        // 25×: every level elsewhere, disjoint from the truth
        assertEquals(FixedE8.ONE, error.totalVariationE8());
        // densest long below 104,000: estimate 100,200..100,300 (mid 100,250), truth 94,000..94,100 (mid 94,050)
        assertEquals(d("6200"), error.longClusterErrorE8());
        // densest short above: estimate 107,600 (bucket of 107,744, mid 107,750); truth 113,900 (mid 113,950)
        assertEquals(d("6200"), error.shortClusterErrorE8());

        LiquidationMapEstimator half = keeping(List.of(new LeverageTier(10, FixedE8.ONE / 2),
                new LeverageTier(25, FixedE8.ONE / 2)));
        twoEntries(half);
        assertEquals(FixedE8.ONE / 2, LiquidationMap.compare(half.map(), truth, d("104000")).totalVariationE8());
    }

    @Test
    void theDensestClustersAndTheirDistances() {
        LiquidationMapEstimator e = estimator(only(10), SideSplit.FIXED, "0.5");
        twoEntries(e);
        LiquidationMap.Cluster longs = e.map().densestLongBelow(d("104000"));
        assertEquals(new LiquidationMap.Cluster(PositionSide.LONG, d("94000"), d("94100"), d("104000"),
                d("9.56730769")), longs); // (104000 − 94050) / 104000
        LiquidationMap.Cluster shorts = e.map().densestShortAbove(d("104000"));
        assertEquals(d("113900"), shorts.priceLowE8());
        assertEquals(d("9.56730769"), shorts.distancePctE8()); // (113950 − 104000) / 104000
        assertNull(e.map().densestLongBelow(d("90000")));
    }

    @Test
    void anOpenInterestDecreaseRemovesPositionsProportionally() {
        LiquidationMapEstimator e = estimator(only(10), SideSplit.FIXED, "0.5");
        twoEntries(e);
        oiAt(e, "1001.5"); // 1003 → 1001.5: every level × 1001.5 / 1003
        LiquidationMap m = e.map();
        assertEquals(d("49925.22432701"), m.levels().get(d("90400")).longUsdE8());
        assertEquals(d("103844.46660019"), m.levels().get(d("94000")).longUsdE8());
    }

    @Test
    void levelsCrossedByThePriceAreConsumed() {
        LiquidationMapEstimator e = estimator(only(10), SideSplit.FIXED, "0.5");
        twoEntries(e);
        tradeAt(e, "94001", "0.1", Side.SELL);
        assertEquals(4, e.map().levels().size()); // above 94,000: the bucket is not wholly crossed
        tradeAt(e, "94000", "0.1", Side.SELL);
        assertEquals(List.of(d("90400"), d("109600"), d("113900")), List.copyOf(e.map().levels().keySet()));
        tradeAt(e, "113999.99", "0.1", Side.BUY);
        assertEquals(List.of(d("90400"), d("113900")), List.copyOf(e.map().levels().keySet()));
    }

    @Test
    void takerFlowSplitsNewOpenInterestBetweenLongsAndShorts() {
        LiquidationMapEstimator share = estimator(only(10), SideSplit.TAKER_SHARE, "0.5");
        tradeAt(share, "100000", "0.1", Side.BUY);
        oiAt(share, "1000");
        tradeAt(share, "100000", "3", Side.BUY);
        tradeAt(share, "100000", "1", Side.SELL);
        oiAt(share, "1001");
        assertEquals(d("75000"), share.map().totalLongUsdE8());
        assertEquals(d("25000"), share.map().totalShortUsdE8());

        LiquidationMapEstimator sign = estimator(only(10), SideSplit.TAKER_SIGN, "0.5");
        tradeAt(sign, "100000", "0.1", Side.BUY);
        oiAt(sign, "1000");
        tradeAt(sign, "100000", "1", Side.SELL);
        oiAt(sign, "1001");
        assertEquals(0, sign.map().totalLongUsdE8());
        assertEquals(d("100000"), sign.map().totalShortUsdE8());
    }

    @Test
    void tierWeightsSplitTheNotionalWithTheRemainderToTheLastTier() {
        LiquidationMapEstimator e = estimator(List.of(new LeverageTier(10, d("0.33333333")),
                new LeverageTier(25, d("0.33333333")), new LeverageTier(50, d("0.33333334"))), SideSplit.FIXED, "1");
        tradeAt(e, "100000", "0.1", Side.BUY);
        oiAt(e, "0");
        oiAt(e, "1");
        Map<Long, LiquidationMap.Level> levels = e.map().levels();
        assertEquals(d("33333.333"), levels.get(d("90400")).longUsdE8());
        assertEquals(d("33333.333"), levels.get(d("96400")).longUsdE8());
        assertEquals(d("33333.334"), levels.get(d("98400")).longUsdE8());
        assertEquals(d("100000"), e.map().totalLongUsdE8());
    }

    @Test
    void openInterestBeforeAnyPriceIsUnattributedAndTheMarkServesWithoutTrades() {
        LiquidationMapEstimator e = estimator(only(10), SideSplit.FIXED, "0.5");
        oiAt(e, "10");
        oiAt(e, "12");
        assertEquals(d("2"), e.unattributedQtyE8());
        assertTrue(e.map().levels().isEmpty());
        e.accept(mark(FeedSource.BINANCE_USDM, "BTCUSDT", ++ts, "100000", null), ts);
        oiAt(e, "13");
        assertEquals(d("100000"), e.map().totalLongUsdE8() + e.map().totalShortUsdE8());
        assertEquals(MarketEvent.ABSENT, estimator(only(10), SideSplit.FIXED, "0.5").priceE8());
    }

    @Test
    void tierWeightsMustSumToOne() {
        assertThrows(IllegalArgumentException.class, () -> estimator(List.of(new LeverageTier(10, d("0.5"))),
                SideSplit.FIXED, "0.5"));
    }

    @Test
    void comparingEmptyMaps() {
        LiquidationMap empty = LiquidationMap.empty(BUCKET);
        LiquidationMap some = LiquidationMapEstimator.trueMap(truth(), BUCKET, MMR);
        assertEquals(0, LiquidationMap.compare(empty, empty, d("100000")).totalVariationE8());
        assertEquals(FixedE8.ONE, LiquidationMap.compare(empty, some, d("100000")).totalVariationE8());
        assertEquals(Long.MIN_VALUE, LiquidationMap.compare(empty, some, d("100000")).longClusterErrorE8());
    }
}
