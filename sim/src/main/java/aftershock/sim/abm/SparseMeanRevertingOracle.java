package aftershock.sim.abm;

import aftershock.sim.core.Rng;

/**
 * The fundamental value: a port of ABIDES's {@code SparseMeanRevertingOracle}. An Ornstein–Uhlenbeck process
 * (mean r̄, reversion κ per nanosecond, volatility θ) sampled exactly over any gap, plus "megashocks" arriving as a
 * Poisson process (rate λ per nanosecond) whose size is ±N(mean, variance) with a fair-coin sign. The series is
 * advanced on demand, to the time of each observation, in integer cents (rounded half-to-even, floored at 0); a
 * request for a time not after the last one returns the last value, as in ABIDES.
 *
 * <p>Deviation: the OU step's variance uses {@code -expm1(-2κd)} instead of {@code 1 - exp(-2κd)} (same value,
 * without the cancellation at κd ≈ 1e-7); megashock times and values come from one seeded stream instead of
 * numpy's global generator plus the symbol's generator.
 */
final class SparseMeanRevertingOracle {
    private final long rBarCents;
    private final double kappaPerNs;
    private final double fundVol;
    private final double megashockRatePerNs;
    private final double megashockMeanCents;
    private final double megashockSdCents;
    private final long closeNanos;
    private final Rng rng;

    private long lastNanos;
    private long lastCents;
    private long megashockNanos;
    private double megashockCents;
    private int megashocks;

    SparseMeanRevertingOracle(long openNanos, long closeNanos, long rBarCents, double kappaPerNs, double fundVol,
                              double megashockRatePerNs, double megashockMeanCents, double megashockVarCents2, Rng rng) {
        this.rBarCents = rBarCents;
        this.kappaPerNs = kappaPerNs;
        this.fundVol = fundVol;
        this.megashockRatePerNs = megashockRatePerNs;
        this.megashockMeanCents = megashockMeanCents;
        this.megashockSdCents = Math.sqrt(megashockVarCents2);
        this.closeNanos = closeNanos;
        this.rng = rng;
        this.lastNanos = openNanos;
        this.lastCents = rBarCents;
        this.megashockNanos = saturatingAdd(openNanos, nextMegashockGap());
        this.megashockCents = nextMegashockValue();
    }

    private double nextMegashockGap() {
        return megashockRatePerNs > 0 ? rng.exponential(1.0 / megashockRatePerNs) : Double.POSITIVE_INFINITY;
    }

    private double nextMegashockValue() {
        double v = megashockMeanCents + megashockSdCents * rng.normal();
        return rng.nextInt(2) == 0 ? v : -v;
    }

    private static long saturatingAdd(long t, double gap) {
        return gap >= (double) (Long.MAX_VALUE - t) ? Long.MAX_VALUE : t + (long) gap;
    }

    /** The true fundamental at {@code tNanos} (cents), advancing the series if needed. */
    long valueAt(long tNanos) {
        if (tNanos <= lastNanos) {
            return lastCents;
        }
        while (megashockNanos < tNanos) {
            lastCents = step(megashockNanos, megashockCents);
            lastNanos = megashockNanos;
            megashocks++;
            megashockNanos = saturatingAdd(lastNanos, nextMegashockGap());
            megashockCents = nextMegashockValue();
        }
        lastCents = step(tNanos, 0);
        lastNanos = tNanos;
        return lastCents;
    }

    private long step(long tNanos, double adjustCents) {
        double d = tNanos - lastNanos;
        double mean = rBarCents + (lastCents - rBarCents) * Math.exp(-kappaPerNs * d);
        double var = fundVol * fundVol / (2 * kappaPerNs) * -Math.expm1(-2 * kappaPerNs * d);
        double v = mean + Math.sqrt(var) * rng.normal() + adjustCents;
        return (long) Math.rint(Math.max(0, v));
    }

    /**
     * An agent's noisy observation: the fundamental plus N(0, {@code obsVarianceCents2}) drawn from the agent's own
     * stream, rounded to a cent. At or after the close it observes the value just before the close.
     */
    long observe(long tNanos, double obsVarianceCents2, Rng agentRng) {
        long r = valueAt(tNanos >= closeNanos ? closeNanos - 1 : tNanos);
        if (obsVarianceCents2 == 0) {
            return r;
        }
        return (long) Math.rint(r + Math.sqrt(obsVarianceCents2) * agentRng.normal());
    }

    long lastCents() {
        return lastCents;
    }

    int megashocks() {
        return megashocks;
    }
}
