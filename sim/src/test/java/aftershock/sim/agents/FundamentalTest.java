package aftershock.sim.agents;

import aftershock.sim.core.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FundamentalTest {
    private static final long DAY = 86_400L * 1_000_000_000L;

    /** The spread across seeds of the day's log change, and the mean of its one-minute absolute changes. */
    private static double[] dayStats(double halfLifeHours, double newsPct) {
        int n = 60;
        double sum = 0;
        double sumSq = 0;
        double minuteAbs = 0;
        long minutes = 0;
        for (int seed = 1; seed <= n; seed++) {
            Fundamental f = new Fundamental(new Rng(seed, "f"), 100_000, 0.02, 0.10, 0.88, 4, null, 0)
                    .withNoiseHalfLife(halfLifeHours);
            if (newsPct != 0) {
                f.addNews(new Fundamental.News(6 * 3600 * 1_000_000_000L, 600 * 60 * 1_000_000_000L, Math.log(1 + newsPct / 100), 1));
            }
            double prev = f.valueAt(0);
            for (long m = 1; m <= 1440; m++) {
                double v = f.valueAt(m * 60_000_000_000L);
                if (seed <= 10) {
                    minuteAbs += Math.abs(Math.log(v / prev));
                    minutes++;
                }
                prev = v;
            }
            double r = Math.log(f.valueAt(DAY) / 100_000);
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        return new double[] {Math.sqrt(sumSq / n - mean * mean), minuteAbs / minutes, mean};
    }

    @Test
    void aNoiseHalfLifeKeepsTheDayNearItsNewsWithoutCalmingTheMinutes() {
        double[] walk = dayStats(0, 0);
        double[] pinned = dayStats(3, 0);
        // A random walk at 2% a day spreads the day's change by ≈2%; reverting at a 3-hour half-life, by ≈0.6%.
        assertTrue(walk[0] > 0.012 && walk[0] < 0.03, "random walk spread " + walk[0]);
        assertTrue(pinned[0] < walk[0] / 2, "pinned spread " + pinned[0] + " vs walk " + walk[0]);
        // Minute-scale moves are the same process (reversion over hours is negligible within a minute).
        assertEquals(walk[1], pinned[1], walk[1] * 0.05, "one-minute |change|");
        // With news the day ends near the news.
        double[] withNews = dayStats(3, -1.0);
        assertEquals(Math.log(0.99), withNews[2], 0.003, "mean day change with −1% news");
    }

    @Test
    void aNegativeHalfLifeIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Fundamental(new Rng(1, "f"), 1, 0.02, 0.1, 0.88, 4, null, 0).withNoiseHalfLife(-1));
    }
}
