package aftershock.sim.agents;

import aftershock.sim.core.Rng;

import java.util.ArrayList;
import java.util.List;

/**
 * What informed traders believe an asset is worth: a log random walk whose per-minute volatility follows a GARCH(1,1)
 * recursion with Student-t innovations (heavy tails, volatility clustering), plus news: a scheduled repricing is a
 * change of this belief spread over some minutes. It is information, not a price: traded prices come only from
 * orders meeting in the books, and agents see this value with noise. An asset can load on another's innovations
 * (ETH on BTC) to make their moves correlated.
 */
public final class Fundamental {
    /** A repricing: the belief moves by {@code changeLog} (log units) evenly from {@code startNanos} over {@code durationNanos}. */
    public record News(long startNanos, long durationNanos, double changeLog, double volMultiplier) {
    }

    private final Rng rng;
    private final double dailyVol;
    private final double alpha;
    private final double beta;
    private final double tailDf;
    private final Fundamental driver;
    private final double correlation;
    private final List<News> news = new ArrayList<>();
    private double logValue;
    private double minuteVar;
    private final double longRunVar;
    private long nowSeconds;
    private double lastInnovation;

    public Fundamental(Rng rng, double start, double dailyVol, double garchAlpha, double garchBeta, double tailDf,
                       Fundamental driver, double correlation) {
        this.rng = rng;
        this.logValue = Math.log(start);
        this.dailyVol = dailyVol;
        this.alpha = garchAlpha;
        this.beta = garchBeta;
        this.tailDf = tailDf;
        this.driver = driver;
        this.correlation = correlation;
        this.longRunVar = dailyVol * dailyVol / 1440.0;
        this.minuteVar = longRunVar;
    }

    public void addNews(News n) {
        news.add(n);
    }

    /** Advances the belief to {@code nanos} (in one-second steps) and returns it. */
    public double valueAt(long nanos) {
        long target = nanos / 1_000_000_000L;
        while (nowSeconds < target) {
            step();
        }
        return Math.exp(logValue);
    }

    public double value() {
        return Math.exp(logValue);
    }

    /** The current one-minute volatility (fraction) of the belief. */
    public double minuteVol() {
        return Math.sqrt(minuteVar);
    }

    double lastInnovation() {
        return lastInnovation;
    }

    private void step() {
        if (driver != null) {
            driver.valueAt((nowSeconds + 1) * 1_000_000_000L);
        }
        nowSeconds++;
        if (nowSeconds % 60 == 0) {
            // GARCH(1,1) on the minute: tomorrow's variance from today's shock.
            double omega = longRunVar * (1 - alpha - beta);
            double shock = minuteShock / Math.max(minuteVar, 1e-18);
            minuteVar = omega + alpha * minuteVar * shock + beta * minuteVar;
            minuteShock = 0;
        }
        double volMult = 1;
        double drift = 0;
        long t = nowSeconds * 1_000_000_000L;
        for (News n : news) {
            if (t > n.startNanos() && t <= n.startNanos() + n.durationNanos()) {
                drift += n.changeLog() / Math.max(1, n.durationNanos() / 1_000_000_000L);
                volMult = Math.max(volMult, n.volMultiplier());
            }
        }
        double z = rng.studentT(tailDf);
        if (driver != null) {
            z = correlation * driver.lastInnovation() + Math.sqrt(1 - correlation * correlation) * z;
        }
        lastInnovation = z;
        double base = Math.sqrt(minuteVar / 60.0) * z;
        // The GARCH recursion sees the regular innovation; news raises this minute's volatility without feeding
        // back into the recursion (which would make the variance explode over a long news window).
        minuteShock += base * base;
        logValue += base * volMult + drift;
    }

    private double minuteShock;
}
