package aftershock.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The data model: what the builders record, and what validation says when a caller gets it wrong. */
class ReportDataTest {
    private static final long T0 = SyntheticReport.START_MS;
    private static final double NAN = Double.NaN;

    @Test
    void theBuilderRecordsMinuteByMinuteWithGapsForLevelsAndZerosForFlows() {
        Variant.Builder b = Variant.builder("baseline");
        b.minute(T0);
        b.instrument("BTCUSDT").trade(108_000, 1_000).trade(108_050, 2_000).trade(107_990, 500).mark(108_010)
                .addLongLiquidationUsd(250_000);
        b.minute(T0 + 60_000); // nothing traded, nothing liquidated
        b.instrument("BTCUSDT").mark(108_000);
        b.minute(T0 + 120_000);
        b.instrument("BTCUSDT").ohlc(107_990, 108_000, 107_900, 107_950).mark(107_960).addShortLiquidationUsd(10)
                .addShortLiquidationUsd(5);
        b.instrument("ETHUSDT").mark(3_900); // first seen in the last minute
        b.venue().insuranceFundUsd(1e9);

        Variant v = b.build();

        InstrumentSeries btc = v.instrument("BTCUSDT");
        assertArrayEquals(new long[] {T0, T0 + 60_000, T0 + 120_000}, v.timesMs());
        assertArrayEquals(new double[] {108_000, NAN, 107_990}, btc.open());
        assertArrayEquals(new double[] {108_050, NAN, 108_000}, btc.high());
        assertArrayEquals(new double[] {107_990, NAN, 107_900}, btc.low());
        assertArrayEquals(new double[] {107_990, NAN, 107_950}, btc.close());
        assertArrayEquals(new double[] {3_500, 0, 0}, btc.volumeUsd(), "a flow is 0 in a minute without it");
        assertArrayEquals(new double[] {250_000, 0, 0}, btc.longLiquidationsUsd());
        assertArrayEquals(new double[] {0, 0, 15}, btc.shortLiquidationsUsd());
        assertArrayEquals(new double[0], btc.openInterestUsd(), "never recorded: empty, not NaN");
        assertArrayEquals(new double[] {NAN, NAN, 3_900}, v.instrument("ETHUSDT").mark());
        assertArrayEquals(new double[] {NAN, NAN, 1e9}, v.venue().insuranceFundUsd());
        assertArrayEquals(new double[0], v.venue().coinbasePremiumPct());
        assertEquals(List.of("BTCUSDT", "ETHUSDT"), v.instruments().stream().map(InstrumentSeries::symbol).toList());
    }

    @Test
    void recordsAreImmutableArraysAreCopiedInAndOut() {
        double[] close = {1, 2};
        InstrumentSeries s = series("BTCUSDT", close);
        close[0] = 99;
        assertEquals(1, s.close()[0], "copied in");
        s.close()[1] = 99;
        assertEquals(2, s.close()[1], "copied out");
        Heatmap h = new Heatmap(new double[] {1, 2}, new long[] {T0}, new double[][] {{5, 6}});
        h.valuesUsd()[0][0] = 99;
        assertEquals(5, h.valueUsd(0, 0));
    }

    @Test
    void aSeriesOffTheClockIsRejectedWithItsVariantInstrumentAndField() {
        InstrumentSeries s = series("BTCUSDT", new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Variant("pro-rata", new long[] {T0, T0 + 60_000}, List.of(s), VenueSeries.NONE, List.of(),
                        List.of()));
        assertEquals("variant 'pro-rata': BTCUSDT close has 3 values but the clock has 2 times (give one value per "
                + "time, NaN where unknown, or none if not recorded)", e.getMessage());
    }

    @Test
    void validationNamesWhatIsWrong() {
        long[] clock = {T0};
        InstrumentSeries btc = series("BTCUSDT", new double[] {1});
        assertEquals("variant 'x': timesMs must be strictly increasing: [0]=5 then [1]=5",
                assertThrows(IllegalArgumentException.class, () -> new Variant("x", new long[] {5, 5}, List.of(),
                        VenueSeries.NONE, List.of(), List.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Variant("x", clock, List.of(btc),
                VenueSeries.NONE, List.of(AdlEvent.of(T0, "ETHUSDT", 1, 1, 1)), List.of())).getMessage()
                .startsWith("variant 'x': ADL event 0 is on ETHUSDT, which has no series"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Variant("x", clock, List.of(btc),
                VenueSeries.NONE, List.of(), List.of(new Halt("SOLUSDT", T0, T0, "")))).getMessage()
                .startsWith("variant 'x': halt of SOLUSDT names no instrument"));
        assertEquals("BTCUSDT mark[0] is infinite; use NaN for a missing value",
                assertThrows(IllegalArgumentException.class, () -> new InstrumentSeries("BTCUSDT", new double[0],
                        new double[0], new double[0], new double[0], new double[] {Double.POSITIVE_INFINITY},
                        new double[0], new double[0], new double[0], new double[0], new double[0], new double[0],
                        new double[0], new double[0], new double[0], new double[0], Heatmap.NONE, Heatmap.NONE))
                        .getMessage());
        assertEquals("halt of BTCUSDT ends (1) before it starts (2)",
                assertThrows(IllegalArgumentException.class, () -> new Halt("BTCUSDT", 2, 1, "")).getMessage());
        assertEquals("heatmap valuesUsd[0] has 1 values but there are 2 price buckets",
                assertThrows(IllegalArgumentException.class, () -> new Heatmap(new double[] {1, 2}, new long[] {T0},
                        new double[][] {{1}})).getMessage());
        assertEquals("comparison row 0 has 1 cells but there are 2 columns [policy, liquidated]",
                assertThrows(IllegalArgumentException.class, () -> new Comparison(List.of("policy", "liquidated"),
                        List.of(List.of("ranking")), "")).getMessage());
        assertEquals("variant 'x': call minute(timeMs) before recording values",
                assertThrows(IllegalStateException.class, () -> Variant.builder("x").instrument("BTCUSDT").mark(1))
                        .getMessage());
        assertEquals("variant 'x': minute 5 is not after the previous minute 5",
                assertThrows(IllegalArgumentException.class, () -> Variant.builder("x").minute(5).minute(5))
                        .getMessage());
    }

    @Test
    void aReportNeedsABaselineAndUniqueVariantNames() {
        Variant a = Variant.builder("ranking").minute(T0).build();
        assertEquals("a report needs at least one variant (the baseline run)",
                assertThrows(IllegalArgumentException.class, () -> ReportData.builder("t").scenario("s").build())
                        .getMessage());
        assertEquals("two variants are named 'ranking'; names must be unique",
                assertThrows(IllegalArgumentException.class,
                        () -> ReportData.builder("t").scenario("s").variant(a).variant(a).build()).getMessage());
        ReportData r = ReportData.builder("t").scenario("s").variant(a).build();
        assertEquals("ranking", r.baseline().name());
        assertTrue(r.comparison().isEmpty());
    }

    @Test
    void trueAndEstimatedMapsMustShareTheirAxes() {
        Heatmap a = new Heatmap(new double[] {1, 2}, new long[] {T0}, new double[][] {{1, 2}});
        Heatmap b = new Heatmap(new double[] {1, 3}, new long[] {T0}, new double[][] {{1, 2}});
        Variant.Builder v = Variant.builder("x").minute(T0);
        v.instrument("BTCUSDT").mark(1).trueHeatmap(a).estimatedHeatmap(b);
        assertTrue(assertThrows(IllegalArgumentException.class, v::build).getMessage()
                .startsWith("BTCUSDT: the true and estimated liquidation heatmaps must have the same price buckets"));
    }

    @Test
    void heatmapBuilderPutsEachPositionInTheBucketOfItsLiquidationPrice() {
        Heatmap.Builder b = Heatmap.builder(Heatmap.uniformBuckets(100, 110, 3)); // centres 100, 105, 110
        b.snapshot(T0).addPosition(102.4, 10).addPosition(102.6, 20).addPosition(97.5, 1).addPosition(112.5, 2)
                .addPosition(97.4, 400).addPosition(Double.NaN, 50);
        b.snapshot(T0 + 900_000, new double[] {0, 7, 0});
        Heatmap h = b.build();

        assertArrayEquals(new double[] {100, 105, 110}, h.priceBucketsUsd());
        assertArrayEquals(new double[] {11, 20, 2}, h.valuesUsd()[0], "nearest centre; edges included");
        assertArrayEquals(new double[] {0, 7, 0}, h.valuesUsd()[1]);
        assertEquals(450, b.outsideUsd(), "beyond the outer half-buckets, or no price: off the map");
        assertThrows(IllegalArgumentException.class, () -> b.snapshot(T0));
    }

    @Test
    void adlEventsAreKeptInTimeOrderAndDeriveDeviationAndNotional() {
        AdlEvent e = AdlEvent.of(T0, "BTCUSDT", 99_000, 100_000, 2);
        assertEquals(1.0, e.deviationPct(), 1e-12);
        assertEquals(198_000, e.notionalUsd(), 1e-9);
        Variant.Builder b = Variant.builder("x").minute(T0).minute(T0 + 60_000);
        b.instrument("BTCUSDT").mark(1);
        b.adl(AdlEvent.of(T0 + 60_000, "BTCUSDT", 1, 1, 1)).adl(e);
        assertEquals(List.of(T0, T0 + 60_000), b.build().adlEvents().stream().map(AdlEvent::timeMs).toList());
    }

    private static InstrumentSeries series(String symbol, double[] close) {
        double[] none = new double[0];
        return new InstrumentSeries(symbol, none, none, none, close, none, none, none, none, none, none, none, none,
                none, none, none, Heatmap.NONE, Heatmap.NONE);
    }
}
