package aftershock.sim.core;

import java.util.SplittableRandom;

/**
 * One agent's seeded random stream. Streams are derived from the run's seed and a stream name by SplitMix64
 * hashing, so adding an agent never shifts another agent's draws, and the same seed gives the same run.
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed, String stream) {
        this.random = new SplittableRandom(mix(seed ^ mix(stream.hashCode() * 0x9E3779B97F4A7C15L + stream.length())));
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream for a numbered sub-agent (e.g. trader i of a crowd). */
    public Rng child(long index) {
        return new Rng(new SplittableRandom(mix(random.nextLong() ^ mix(index + 0x632BE59BD9B4E019L))));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public double uniform() {
        return random.nextDouble();
    }

    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public double normal() {
        return random.nextGaussian();
    }

    /** Exponential with the given mean. */
    public double exponential(double mean) {
        return mean * random.nextExponential();
    }

    /** Student-t with {@code nu} degrees of freedom scaled to unit variance (nu > 2): heavy-tailed innovations. */
    public double studentT(double nu) {
        double chi2 = 0;
        int k = (int) nu;
        for (int i = 0; i < k; i++) {
            double g = random.nextGaussian();
            chi2 += g * g;
        }
        return random.nextGaussian() / Math.sqrt(chi2 / k) * Math.sqrt((k - 2.0) / k);
    }

    /** Lognormal with the given median and log-sd. */
    public double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    /** An index drawn by weights (need not sum to 1). */
    public int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
