package aftershock.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calm preset must look like real returns (models.md, "Stylized facts"): heavy tails, volatility clustering, and
 * no linear autocorrelation. Measured on one-minute log returns of BTCUSDT's mid price (no bid-ask bounce) over a simulated half day.
 */
class StylizedFactsTest {

    static double[] returns(double[] close) {
        double[] r = new double[close.length - 1];
        for (int i = 1; i < close.length; i++) {
            r[i - 1] = Math.log(close[i] / close[i - 1]);
        }
        return r;
    }

    static double autocorrelation(double[] x, int lag) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            den += (x[i] - mean) * (x[i] - mean);
            if (i >= lag) {
                num += (x[i] - mean) * (x[i - lag] - mean);
            }
        }
        return num / den;
    }

    static double excessKurtosis(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = v - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m4 / (m2 * m2) - 3;
    }

    @Test
    void calmReturnsAreHeavyTailedClusteredAndNotLinearlyAutocorrelated() throws Exception {
        SimResult r = new Simulation(SimulationTest.small("calm", 12), 42, false, (java.io.Writer) null).run(s -> { });
        double[] ret = returns(r.perps().get(0).mid());
        double[] abs = new double[ret.length];
        for (int i = 0; i < ret.length; i++) {
            abs[i] = Math.abs(ret[i]);
        }
        double kurtosis = excessKurtosis(ret);
        double ac1 = autocorrelation(ret, 1);
        double absAc = 0;
        for (int lag = 1; lag <= 10; lag++) {
            absAc += autocorrelation(abs, lag) / 10;
        }
        String facts = String.format(java.util.Locale.ROOT, "excess kurtosis %.2f, lag-1 autocorrelation %.3f, mean |r| "
                + "autocorrelation lags 1-10 %.3f (n=%d)", kurtosis, ac1, absAc, ret.length);
        System.out.println("calm stylized facts: " + facts);
        assertTrue(kurtosis > 1, "heavy tails: " + facts);
        assertTrue(Math.abs(ac1) < 0.1, "no linear autocorrelation: " + facts);
        assertTrue(absAc > 0.05, "volatility clustering: " + facts);
    }
}
