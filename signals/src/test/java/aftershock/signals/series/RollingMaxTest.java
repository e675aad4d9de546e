package aftershock.signals.series;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollingMaxTest {
    @Test
    void aValueLeavesWhenItsBucketEndsBeforeTheWindow() {
        RollingMax m = new RollingMax(1_000, 10_000);
        m.add(500, 7);
        m.add(2_000, 5);
        assertEquals(7, m.max(10_999)); // bucket 0 ends at 1000 > 10_999 − 10_000
        assertEquals(500, m.maxTsMs(10_999));
        assertEquals(5, m.max(11_000));
        assertEquals(2_000, m.maxTsMs(11_000));
        assertTrue(m.isEmpty(13_000));
    }

    @Test
    void anEqualMaximumKeepsItsFirstTime() {
        RollingMax m = new RollingMax(1_000, 10_000);
        m.add(100, 9);
        m.add(200, 9);
        assertEquals(100, m.maxTsMs(200));
        assertFalse(m.isEmpty(200));
    }

    @Test
    void agreesWithANaiveScanOverRandomSeries() {
        long seed = 20251103L;
        SplittableRandom random = new SplittableRandom(seed);
        RollingMax m = new RollingMax(10, 1_000);
        long[] ts = new long[5_000];
        long[] vs = new long[5_000];
        long t = 0;
        for (int i = 0; i < ts.length; i++) {
            t += random.nextInt(20);
            ts[i] = t;
            vs[i] = random.nextInt(1_000);
            m.add(t, vs[i]);
            long expected = Long.MIN_VALUE;
            for (int j = 0; j <= i; j++) {
                if ((Math.floorDiv(ts[j], 10) + 1) * 10 > t - 1_000) {
                    expected = Math.max(expected, vs[j]);
                }
            }
            assertEquals(expected, m.max(t), "seed " + seed + " step " + i);
        }
    }
}
