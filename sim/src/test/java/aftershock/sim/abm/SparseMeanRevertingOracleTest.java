package aftershock.sim.abm;

import aftershock.sim.core.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fundamental: ABIDES's sparse OU process with megashocks. */
class SparseMeanRevertingOracleTest {
    @Test
    void oracleMeanRevertsAroundRBarAndAppliesMegashocks() {
        long open = AbmMarket.OPEN_NANOS;
        long close = open + 390 * AbmMarket.MINUTE_NANOS;
        SparseMeanRevertingOracle quiet = new SparseMeanRevertingOracle(open, close, 100_000, 1.67e-16, 5e-5,
                2.77778e-18, 1_000, 50_000, new Rng(3, "oracle"));
        long v = 0;
        for (long t = open; t <= close; t += AbmMarket.MINUTE_NANOS) {
            v = quiet.valueAt(t);
            // sd over a day is ~242 cents (θ²·t); 2,000 cents is > 8 sd.
            assertInRange("fundamental at " + t, v, 98_000, 102_000);
        }
        assertEquals(v, quiet.valueAt(open), "a past time returns the last value");
        assertEquals(0, quiet.megashocks());

        SparseMeanRevertingOracle shocked = new SparseMeanRevertingOracle(open, close, 100_000, 1.67e-16, 0,
                1.0 / AbmMarket.MINUTE_NANOS, 1_000, 50_000, new Rng(3, "oracle"));
        shocked.valueAt(close);
        assertInRange("megashocks in 390 minutes at one a minute", shocked.megashocks(), 300, 480);
    }

    private static void assertInRange(String what, long value, long lo, long hi) {
        assertTrue(value >= lo && value <= hi, what + " " + value + " not in [" + lo + ", " + hi + "]");
    }
}
