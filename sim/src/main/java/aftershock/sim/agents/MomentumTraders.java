package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.sim.core.Rng;
import aftershock.sim.market.Market;
import aftershock.sim.market.PerpVenue;

/**
 * Trend followers on a perpetual: at Poisson times they compare the price with its value {@code lookbackSeconds}
 * ago and, when the move exceeds their threshold, trade in its direction with a size growing with the move; they
 * close their position after {@code holdMinutes} on average (a market order back).
 */
public final class MomentumTraders extends Agent {
    public record Params(double ordersPerMinute, double lookbackSeconds, double thresholdBps, double sizeQuote,
                         double maxSizeMultiple, double positionLimitQuote) {
    }

    private final PerpVenue venue;
    private final Params p;
    private final Rng rng;
    private final long account;
    private final double[] history;
    private int head;
    private long lastSample;

    public MomentumTraders(String name, Market market, PerpVenue venue, Params p, Rng rng, long depositE8) {
        super(name);
        this.venue = venue;
        this.p = p;
        this.rng = rng;
        this.account = market.openAccount(this, depositE8, 5);
        this.history = new double[Math.max(2, (int) Math.ceil(p.lookbackSeconds() / 5.0))];
    }

    @Override
    public long wake(long now) {
        double mid = venue.mid();
        // Keep a ring of 5-second samples to look back on.
        while (lastSample + 5 * SECOND <= now) {
            lastSample += 5 * SECOND;
            history[head] = mid;
            head = (head + 1) % history.length;
        }
        double past = history[head];
        if (past > 0 && mid > 0) {
            double r = Math.log(mid / past) * 1e4;
            double pos = venue.position(account) * mid;
            if (Math.abs(r) > p.thresholdBps()) {
                Side side = r > 0 ? Side.BUY : Side.SELL;
                double m = Math.min(p.maxSizeMultiple(), Math.abs(r) / p.thresholdBps());
                boolean adds = (side == Side.BUY) == (pos >= 0);
                if (!adds || Math.abs(pos) < p.positionLimitQuote()) {
                    venue.marketOrder(account, side, p.sizeQuote() * m / mid, false);
                }
            } else if (pos != 0 && rng.chance(0.3)) {
                venue.marketOrder(account, pos > 0 ? Side.SELL : Side.BUY, Math.abs(pos) / mid * 0.5, true);
            }
        }
        return now + Math.max(1_000_000L, (long) (rng.exponential(60.0 / p.ordersPerMinute()) * 1e9));
    }
}
