package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.sim.core.Rng;
import aftershock.sim.market.Market;
import aftershock.sim.market.MarketVenue;

/**
 * Informed traders on a spot book: at Poisson times they observe the fundamental with noise and, when the book is
 * mispriced beyond their threshold, take the touch with a marketable limit order sized by the mispricing. They are
 * what ties traded prices to information; how fast they do so is their rate and size.
 */
public final class ValueTraders extends Agent {
    public record Params(double ordersPerMinute, double observationNoiseBps, double thresholdBps, double sizeQuote,
                         double maxSizeMultiple) {
    }

    private final Market market;
    private final MarketVenue venue;
    private final Fundamental fundamental;
    private final Params p;
    private final Rng rng;
    private final long account;

    public ValueTraders(String name, Market market, MarketVenue venue, Fundamental fundamental, Params p, Rng rng) {
        super(name);
        this.market = market;
        this.venue = venue;
        this.fundamental = fundamental;
        this.p = p;
        this.rng = rng;
        this.account = market.openAccount(this, 0);
    }

    @Override
    public long wake(long now) {
        double value = fundamental.valueAt(now) * (1 + rng.normal() * p.observationNoiseBps() / 1e4);
        double bid = venue.bestBid();
        double ask = venue.bestAsk();
        double thr = p.thresholdBps() / 1e4;
        if (ask > 0 && value > ask * (1 + thr)) {
            double m = Math.min(p.maxSizeMultiple(), (value / ask - 1) / thr);
            venue.limit(account, Side.BUY, value / (1 + thr), p.sizeQuote() * m / ask, TimeInForce.IOC, false);
        } else if (bid > 0 && value < bid * (1 - thr)) {
            double m = Math.min(p.maxSizeMultiple(), (1 - value / bid) / thr);
            venue.limit(account, Side.SELL, value / (1 - thr), p.sizeQuote() * m / bid, TimeInForce.IOC, false);
        }
        return now + Math.max(1_000_000L, (long) (rng.exponential(60.0 / p.ordersPerMinute()) * 1e9));
    }
}
