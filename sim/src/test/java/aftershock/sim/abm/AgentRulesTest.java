package aftershock.sim.abm;

import aftershock.engine.api.CancelReason;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules of the agents and the exchange that can be checked in isolation. */
class AgentRulesTest {
    @Test
    void ladderIsTenLevelsPerSideAroundTheSkewedMid() {
        // Spread EWMA 1 cent: step round(5 × 1) = 5, highest bid = mid − ⌊0.5⌋, lowest ask = mid + ⌈0.5⌉.
        long[] p = AbmMarket.ladderPrices(100_000, 0, 0, 1.0, 4, 5, 10, new long[0]);
        assertEquals(20, p.length);
        assertEquals(99_955, p[0]);
        assertEquals(100_000, p[9]);
        assertEquals(100_001, p[10]);
        assertEquals(100_046, p[19]);
        // Buy volume three times the sell volume: imbalance 0.5, centre moves 0.5 × 4 = 2 cents up.
        long[] skewed = AbmMarket.ladderPrices(100_000, 300, 100, 1.0, 4, 5, 10, new long[20]);
        assertEquals(100_002, skewed[9]);
        assertEquals(100_003, skewed[10]);
        // Wider spread: EWMA 3.3 → step round(16.5) = 16 (half to even), window ±⌊1.65⌋/⌈1.65⌉.
        long[] wide = AbmMarket.ladderPrices(100_000, 0, 0, 3.3, 4, 5, 10, new long[20]);
        assertEquals(99_999, wide[9]);
        assertEquals(100_002, wide[10]);
        assertEquals(99_999 - 9 * 16, wide[0]);
        assertEquals(100_002 + 9 * 16, wide[19]);
    }

    @Test
    void noiseWakeTimesAreUQuadratic() {
        assertEquals(0.0, AbmMarket.uQuadratic(0.0), 1e-12);
        assertEquals(0.5, AbmMarket.uQuadratic(0.5), 1e-12);
        assertEquals(1.0, AbmMarket.uQuadratic(1.0), 1e-12);
        // CDF 4(x − ½)³ + ½: 18.5% of the mass in the first 1/14 (09:00–09:30 of 09:00–16:00).
        assertEquals(1.0 / 14, AbmMarket.uQuadratic(4 * Math.pow(1.0 / 14 - 0.5, 3) + 0.5), 1e-9);
    }

    @Test
    void tradeWindowSumsTheLookbackByAggressorSide() {
        TradeWindow w = new TradeWindow(60, 16);
        for (int i = 0; i < 100; i++) {
            w.add(i * 10L, i + 1, i % 2 == 0);
        }
        w.advanceTo(990);
        // Kept: times ≥ 990 − 60, i.e. i = 93..99. Buys (even i) 94, 96, 98 → 95 + 97 + 99; sells 94 + 96 + 98 + 100.
        assertEquals(95 + 97 + 99, w.buyLots());
        assertEquals(94 + 96 + 98 + 100, w.sellLots());
        w.advanceTo(2_000);
        assertEquals(0, w.buyLots());
        assertEquals(0, w.sellLots());
    }

    @Test
    void valueAgentTrustsItsObservationAndPullsItTowardRBarByTheCloseHorizon() {
        double kappa = 1.67e-15;
        long open = AbmMarket.OPEN_NANOS;
        long close = open + 390 * AbmMarket.MINUTE_NANOS;
        double[] rt = {100_000};
        double[] sigmaT = {0};
        long[] prev = {open};
        long t = open + 175 * AbmMarket.SECOND_NANOS;
        long rT = AbmMarket.valueEstimate(1 - kappa, 100_000, 1_000, 100_000, rt, sigmaT, prev, 0, t, close, 100_500);
        // σ_t' ≈ Δt·σ_s ≫ σ_n, so r_t ≈ the observation; r_T = r̄ + (r_t − r̄)(1 − κ)^(close − t).
        double expected = 100_000 + 500 * Math.exp(Math.log1p(-kappa) * (close - t));
        assertEquals(Math.rint(expected), rT, 1.0);
        assertEquals(100_500, rt[0], 1e-6);
        assertEquals(0.0, sigmaT[0], "ABIDES updates σ_t from itself: it stays 0");
        assertEquals(t, prev[0]);
        // At the close there is nothing left to revert: the estimate is the observation.
        long atClose = AbmMarket.valueEstimate(1 - kappa, 100_000, 1_000, 100_000, rt, sigmaT, prev, 0, close, close, 99_000);
        assertEquals(99_000, atClose);
    }

    @Test
    void bookImbalanceStartsWhenOneSideHoldsOverTenTimesTheOtherAndAgainWhenItFlips() {
        List<Long> starts = new ArrayList<>();
        ExchangeSink sink = new ExchangeSink(starts::add, 0.9, 60, 16);
        // A bid of 100: the ask side is empty, imbalance 1 → START.
        sink.accepted(1, 1, 1, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 100, 0, false);
        sink.publish(1);
        assertEquals(List.of(1L), starts);
        // An ask of 10: imbalance 1 − 10/100 = 0.9, not above the threshold → the event ends quietly.
        sink.accepted(2, 2, 2, 0, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 101, 10, 0, false);
        sink.publish(2);
        assertEquals(List.of(1L), starts);
        // A buy of 5 takes 5 off the ask (the aggressor's 5 never rest): 100 vs 5 → 0.95, START again.
        sink.accepted(3, 3, 3, 0, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 101, 5, 0, false);
        sink.trade(3, 1, 101, 5, Side.BUY, 3, 3, 2, 2);
        sink.publish(3);
        assertEquals(List.of(1L, 3L), starts);
        assertEquals(100, sink.restingLots(Side.BUY));
        assertEquals(5, sink.restingLots(Side.SELL));
        // The bid is cancelled: 0 vs 5, the heavy side flips to the asks — a new START, published by the cancel.
        sink.cancelled(4, 1, 1, 100, CancelReason.USER);
        assertEquals(List.of(1L, 3L, 4L), starts);
        assertEquals(3, sink.imbalanceStarts);
    }

    @Test
    void noiseAgentsAreFedInArrivalOrderTiesByIndex() {
        long[] key = {50, 10, 30, 10, 70, 0, 30};
        assertArrayEquals(new int[] {5, 1, 3, 2, 6, 0, 4}, AbmMarket.sortedByKey(key));
        long[] many = new long[1_000];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < many.length; i++) {
            many[i] = r.nextInt(100);
        }
        int[] order = AbmMarket.sortedByKey(many);
        for (int i = 1; i < order.length; i++) {
            long a = many[order[i - 1]];
            long b = many[order[i]];
            assertTrue(a < b || a == b && order[i - 1] < order[i], "position " + i);
        }
    }

    @Test
    void instrumentIsInCentsAndSharesWithinTheEnginesNotionalLimit() {
        Instrument ins = AbmMarket.instrument(100_000);
        assertEquals(1_000_000, ins.maxPriceTicks());
        assertEquals(9_000_000, ins.maxQtyLots());
        assertEquals(1, ins.minPriceTicks());
        assertEquals(1, ins.minQtyLots());
    }
}
