package aftershock.engine.price;

import aftershock.engine.api.DecimalE8;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Index, mark and funding constructions with hand-computed figures. */
class PriceTest {
    static final long SECOND = 1_000_000_000L;
    static final long HOUR = 3600 * SECOND;

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    @Test
    void indexIsTheWeightedAverageOfLiveSources() {
        IndexPrice index = new IndexPrice(new String[] {"coinbase", "binance", "okx"}, new long[] {2, 1, 1},
                e8("0.01"), 300 * SECOND);
        index.update(0, e8("100000"), 0);
        index.update(1, e8("100200"), 0);
        index.update(2, e8("99900"), 0);
        // (2 × 100,000 + 100,200 + 99,900) / 4 = 100,025
        assertEquals(e8("100025"), index.compute(SECOND));
    }

    @Test
    void aSourceFarFromTheMedianIsCapped() {
        IndexPrice index = IndexPrice.equalWeights("a", "b", "c");
        index.update(0, e8("100000"), 0);
        index.update(1, e8("100100"), 0);
        index.update(2, e8("90000"), 0);  // a depeg-like print on one venue
        // median 100,000; c capped at 99,000 (−1%): (100,000 + 100,100 + 99,000) / 3 = 99,700
        assertEquals(e8("99700"), index.compute(SECOND));
    }

    @Test
    void aStaleSourceGetsNoWeightAndAllStaleKeepsTheLastIndex() {
        IndexPrice index = IndexPrice.equalWeights("a", "b");
        index.update(0, e8("100000"), 0);
        index.update(1, e8("101000"), 200 * SECOND);
        assertEquals(e8("100500"), index.compute(250 * SECOND));
        assertEquals(e8("101000"), index.compute(301 * SECOND));   // a is 301 s old: stale
        assertEquals(e8("101000"), index.compute(600 * SECOND));   // both stale: last value held
    }

    @Test
    void premiumIndexFromImpactPrices() {
        // impact bid above index: positive premium (100,050 − 100,000) / 100,000 = 0.05%
        assertEquals(e8("0.0005"), FundingRate.premiumE8(e8("100050"), e8("100060"), e8("100000")));
        // impact ask below index: negative premium
        assertEquals(e8("-0.0002"), FundingRate.premiumE8(e8("99970"), e8("99980"), e8("100000")));
        // index inside the impact spread: no premium
        assertEquals(0, FundingRate.premiumE8(e8("99990"), e8("100010"), e8("100000")));
    }

    @Test
    void fundingIsTheClampedTimeWeightedPremiumPlusInterest() {
        FundingRate f = FundingRate.binance(e8("0.003"), e8("-0.003"));
        // A calm book: premiums near zero → the interest rate, 0.01%.
        f.sample(e8("0.00001"));
        f.sample(e8("-0.00001"));
        assertEquals(e8("0.0001"), f.rateE8());
        // Weighted average with weights 1, 2, 3: (1×0.001 + 2×0.002 + 3×0.003) / 6 = 0.0023333…
        f.reset();
        f.sample(e8("0.001"));
        f.sample(e8("0.002"));
        f.sample(e8("0.003"));
        assertEquals(e8("0.00233333"), f.averagePremiumE8());
        // I − P = −0.00223 clamped to −0.0005: F = 0.00233333 − 0.0005 = 0.00183333
        assertEquals(e8("0.00183333"), f.rateE8());
    }

    @Test
    void fundingIsCappedAndScaledForShorterIntervals() {
        FundingRate f = FundingRate.binance(e8("0.003"), e8("-0.003"));
        f.sample(e8("0.01"));
        assertEquals(e8("0.003"), f.rateE8());     // 0.0095 capped at 0.3%
        FundingRate hourly = new FundingRate(e8("0.0001"), e8("0.0005"), e8("0.003"), e8("-0.003"), 1);
        hourly.sample(0);
        assertEquals(e8("0.0000125"), hourly.rateE8()); // 0.01% / (8 / 1)
    }

    @Test
    void markIsTheMedianOfFundingBasisMovingBasisAndLast() {
        MarkPrice mark = new MarkPrice(30);
        for (int i = 0; i < 30; i++) {
            mark.sampleBasis(e8("100030"), e8("100000"));  // mid 30 above index
        }
        // P1 = 100,000 × (1 + 0.0001 × 4h/8h) = 100,005; P2 = 100,030; last 99,000 → median 100,005
        assertEquals(e8("100005"), mark.compute(e8("100000"), e8("99000"), e8("0.0001"), 4 * HOUR, 8 * HOUR));
        // last 100,020 → median 100,020
        assertEquals(e8("100020"), mark.compute(e8("100000"), e8("100020"), e8("0.0001"), 4 * HOUR, 8 * HOUR));
    }
}
