package aftershock.sim.abm;

import aftershock.sim.core.Rng;

/**
 * ABIDES's {@code OrderSizeModel} (abides_markets/models/order_size_model.py), used by its noise and value agents:
 * a mixture of a lognormal(μ = 2.9, σ = 1.2) with weight 0.2 and narrow normals (σ = 0.15 shares) at 100, 200, …,
 * 1,000 shares with weights 0.7, 0.06, 0.004, 0.0329, 0.001, 0.0006, 0.0004, 0.0005, 0.0003, 0.0003. A draw is
 * rounded half-to-even (Python's {@code round}); it can be 0, which the agents treat as "no order".
 */
final class OrderSizeModel {
    static final double LOGNORMAL_MU = 2.9;
    static final double LOGNORMAL_SIGMA = 1.2;
    static final double NORMAL_SIGMA = 0.15;
    /** Component weights: [0] the lognormal, [k] the normal at k × 100 shares. */
    static final double[] WEIGHTS = {0.2, 0.7, 0.06, 0.004, 0.0329, 0.001, 0.0006, 0.0004, 0.0005, 0.0003, 0.0003};

    private final double[] cumulative = new double[WEIGHTS.length];

    OrderSizeModel() {
        double total = 0;
        for (double w : WEIGHTS) {
            total += w;
        }
        double c = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            c += WEIGHTS[i] / total;
            cumulative[i] = c;
        }
        cumulative[WEIGHTS.length - 1] = 1.0;
    }

    /** One order size in shares (lots), ≥ 0. Two draws from {@code rng}: the component, then its value. */
    long sample(Rng rng) {
        double u = rng.uniform();
        int k = 0;
        while (u >= cumulative[k]) {
            k++;
        }
        double x = k == 0
                ? Math.exp(LOGNORMAL_MU + LOGNORMAL_SIGMA * rng.normal())
                : 100.0 * k + NORMAL_SIGMA * rng.normal();
        return x <= 0 ? 0 : (long) Math.rint(x);
    }
}
