package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.sim.core.Rng;
import aftershock.sim.market.Market;
import aftershock.sim.market.MarketVenue;
import aftershock.sim.market.PerpVenue;

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
        this(name, market, venue, fundamental, p, rng, 0, 0);
    }

    /**
     * On a perpetual the traders need margin ({@code depositE8}, at 5× like other institutional accounts) and keep
     * their position within {@code positionLimitQuote} (0: no limit): they are the dip buyers and rally sellers of
     * the perpetual, anchored to what they believe the asset is worth.
     */
    public ValueTraders(String name, Market market, MarketVenue venue, Fundamental fundamental, Params p, Rng rng,
                        long depositE8, double positionLimitQuote) {
        super(name);
        this.market = market;
        this.venue = venue;
        this.fundamental = fundamental;
        this.p = p;
        this.rng = rng;
        this.positionLimitQuote = positionLimitQuote;
        this.account = venue.isPerp() ? market.openAccount(this, depositE8, 5) : market.openAccount(this, 0);
    }

    private final double positionLimitQuote;
    private double priceBand;

    /** The venue's price band (a fraction; 0 = none): limit prices are kept inside it. */
    public ValueTraders withPriceBand(double band) {
        this.priceBand = band;
        return this;
    }

    @Override
    public long wake(long now) {
        double value = fundamental.valueAt(now) * (1 + rng.normal() * p.observationNoiseBps() / 1e4);
        double bid = venue.bestBid();
        double ask = venue.bestAsk();
        double thr = p.thresholdBps() / 1e4;
        double pos = venue instanceof PerpVenue perp ? perp.position(account) * venue.mid() : 0;
        boolean canBuy = positionLimitQuote <= 0 || pos < positionLimitQuote;
        boolean canSell = positionLimitQuote <= 0 || pos > -positionLimitQuote;
        if (positionLimitQuote > 0 && Math.abs(pos) > 0 && ask > 0 && bid > 0 && Math.abs(value / ((bid + ask) / 2) - 1) < thr / 3) {
            // Back at value: take part of the profit.
            venue.marketOrder(account, pos > 0 ? Side.SELL : Side.BUY, Math.min(Math.abs(pos), p.sizeQuote()) / ((bid + ask) / 2), true);
        } else if (canBuy && ask > 0 && value > ask * (1 + thr)) {
            double m = Math.min(p.maxSizeMultiple(), (value / ask - 1) / thr);
            venue.limit(account, Side.BUY, withinBand(venue, Side.BUY, value / (1 + thr), priceBand), p.sizeQuote() * m / ask, TimeInForce.IOC, false);
        } else if (canSell && bid > 0 && value < bid * (1 - thr)) {
            double m = Math.min(p.maxSizeMultiple(), (1 - value / bid) / thr);
            venue.limit(account, Side.SELL, withinBand(venue, Side.SELL, value / (1 - thr), priceBand), p.sizeQuote() * m / bid, TimeInForce.IOC, false);
        }
        return now + Math.max(1_000_000L, (long) (rng.exponential(60.0 / p.ordersPerMinute()) * 1e9));
    }
}
