package aftershock.signals.levels;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.FeedSource;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static aftershock.signals.Ev.oi;
import static aftershock.signals.Ev.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded loops: when the estimator's assumptions are the truth (every open-interest unit is half a leveraged long and
 * half a leveraged short at one known leverage), its map is the true map whatever the prices and sizes; with another
 * leverage it is measurably wrong.
 */
class LiquidationMapPropertyTest {
    private static final Market BTC = new Market(FeedSource.BINANCE_USDM, "BTCUSDT");
    private static final long BUCKET = 100 * FixedE8.ONE;
    private static final long MMR = 400_000L;
    private static final long T0 = 20_000 * 86_400_000L;

    private static LiquidationMapEstimator estimator(int leverage) {
        return new LiquidationMapEstimator(new LiquidationMapConfig(BTC, BUCKET,
                List.of(new LeverageTier(leverage, FixedE8.ONE)), MMR, SideSplit.FIXED, FixedE8.ONE / 2, false));
    }

    @Test
    void matchingAssumptionsReproduceTheTrueMapExactly() {
        long seed = Long.getLong("property.seed", 7L);
        SplittableRandom random = new SplittableRandom(seed);
        for (int run = 0; run < 50; run++) {
            int leverage = List.of(5, 10, 20, 25, 50, 100).get(random.nextInt(6));
            LiquidationMapEstimator right = estimator(leverage);
            LiquidationMapEstimator wrong = estimator(leverage == 100 ? 50 : 100);
            List<TruePosition> truth = new ArrayList<>();
            long ts = T0;
            long oiQty = 0;
            long price = 0;
            for (LiquidationMapEstimator e : List.of(right, wrong)) {
                e.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", ts, "0"), ts);
            }
            for (int step = 0; step < 40; step++) {
                ts++;
                price = (90_000 + random.nextInt(30_000)) * FixedE8.ONE; // whole dollars
                long pairs = (1 + random.nextInt(500)) * 2_000_000L; // multiples of 0.02 BTC
                oiQty += pairs;
                for (LiquidationMapEstimator e : List.of(right, wrong)) {
                    e.accept(trade(FeedSource.BINANCE_USDM, "BTCUSDT", ts, DecimalE8.format(price),
                            "0.001", Side.BUY), ts);
                    e.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", ts, DecimalE8.format(oiQty)),
                            ts);
                }
                truth.add(new TruePosition(PositionSide.LONG, price, pairs / 2, leverage));
                truth.add(new TruePosition(PositionSide.SHORT, price, pairs / 2, leverage));
            }
            LiquidationMap trueMap = right.trueMap(truth);
            String where = "seed " + seed + " run " + run + " leverage " + leverage;
            assertEquals(trueMap, right.map(), where);
            assertEquals(new LiquidationMap.Error(0, 0, 0), LiquidationMap.compare(right.map(), trueMap, price), where);
            assertTrue(LiquidationMap.compare(wrong.map(), trueMap, price).totalVariationE8() > 0, where);
        }
    }
}
