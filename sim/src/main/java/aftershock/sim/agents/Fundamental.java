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
 *
 * <p>By default the random part is a random walk. With a noise half-life (replays of a documented day) the random
 * part reverts toward zero at that half-life, so the belief wanders around the path the day's documented news sets
 * (its minute-scale tails and clustering are unchanged) instead of drifting by a random day's worth of volatility.
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
    /** The random part of {@code logValue} (the rest is news); reverts at {@code reversionPerSecond} when set. */
    private double noiseLog;
    private double reversionPerSecond;
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

    /**
     * The random part of the belief reverts toward zero with this half-life (hours; 0 = a random walk, the default).
     * A replay pins the day's net information to its documented news; the noise shapes the path within the day.
     */
    public Fundamental withNoiseHalfLife(double hours) {
        if (!(hours >= 0)) {
            throw new IllegalArgumentException("noise half-life must be >= 0 hours, got " + hours);
        }
        this.reversionPerSecond = hours == 0 ? 0 : Math.log(2) / (hours * 3600);
        return this;
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

    /** Share of a minute's variance carried by its heavy-tailed minute innovation (the rest is diffuse noise). */
    private static final double MINUTE_SHARE = 0.8;
    private static final int BURST = 10;

    private void step() {
        if (driver != null) {
            driver.valueAt((nowSeconds + 1) * 1_000_000_000L);
        }
        if (nowSeconds % 60 == 0) {
            if (nowSeconds > 0) {
                // GARCH(1,1) on the minute: the next minute's variance from this minute's standardized shock.
                double omega = longRunVar * (1 - alpha - beta);
                minuteVar = omega + alpha * minuteShock * minuteShock * minuteVar + beta * minuteVar;
            }
            // This minute's heavy-tailed innovation (Student-t, unit variance), arriving over its first BURST seconds
            // (information comes in bursts), so one-minute returns keep the tails a sum of per-second draws would
            // average away, and prices have the rest of the minute to absorb it.
            double z = rng.studentT(tailDf);
            if (driver != null) {
                z = correlation * driver.lastInnovation() + Math.sqrt(1 - correlation * correlation) * z;
            }
            lastInnovation = z;
            minuteShock = z;
        }
        nowSeconds++;
        double volMult = 1;
        double drift = 0;
        long t = nowSeconds * 1_000_000_000L;
        for (News n : news) {
            if (t > n.startNanos() && t <= n.startNanos() + n.durationNanos()) {
                drift += n.changeLog() / Math.max(1, n.durationNanos() / 1_000_000_000L);
                volMult = Math.max(volMult, n.volMultiplier());
            }
        }
        double sigma = Math.sqrt(minuteVar);
        // News raises the volatility of the moment without feeding the GARCH recursion (which would explode over a
        // long news window).
        boolean burst = (nowSeconds - 1) % 60 < BURST;
        double r = sigma * ((burst ? Math.sqrt(MINUTE_SHARE) * minuteShock / BURST : 0)
                + Math.sqrt((1 - MINUTE_SHARE) / 60.0) * rng.normal());
        double pull = -reversionPerSecond * noiseLog;
        noiseLog += r * volMult + pull;
        logValue += r * volMult + pull + drift;
    }

    private double minuteShock;
}
