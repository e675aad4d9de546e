package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.sim.market.Market;
import aftershock.sim.market.MarketVenue;

/**
 * A scheduled one-sided flow (U.S. spot ETF redemptions, a large seller, offshore buying): {@code totalQuote} of
 * market orders in equal slices every {@code sliceSeconds} from {@code startNanos} for {@code durationNanos}. It is
 * an input the way a client's order is; the price it gets is whatever the book gives.
 */
public final class Flow extends Agent {
    private final MarketVenue venue;
    private final Side side;
    private final long startNanos;
    private final long endNanos;
    private final long sliceNanos;
    private final double sliceQuote;
    private final long account;
    private double executedQty;

    public Flow(String name, Market market, MarketVenue venue, Side side, double totalQuote, long startNanos,
                long durationNanos, double sliceSeconds, long depositE8) {
        super(name);
        this.venue = venue;
        this.side = side;
        this.startNanos = startNanos;
        this.endNanos = startNanos + Math.max(durationNanos, 1);
        this.sliceNanos = (long) (sliceSeconds * 1e9);
        long slices = Math.max(1, Math.max(durationNanos, 1) / sliceNanos);
        this.sliceQuote = totalQuote / slices;
        this.account = market.openAccount(this, venue.isPerp() ? depositE8 : 0, 5);
    }

    private double reach;

    /**
     * A forced seller (or buyer) that takes whatever the book offers down to {@code fraction} from the mid (an IOC
     * limit there) instead of a protected market order: the seller of a collateral token into its venue's thin book.
     */
    public Flow withReach(double fraction) {
        this.reach = fraction;
        return this;
    }

    public long firstWake() {
        return startNanos;
    }

    @Override
    public long wake(long now) {
        if (now >= endNanos) {
            return NEVER;
        }
        double mid = venue.mid();
        if (mid > 0) {
            if (reach > 0) {
                venue.limit(account, side, mid * (side == Side.SELL ? 1 - reach : 1 + reach), sliceQuote / mid,
                        aftershock.engine.api.TimeInForce.IOC, false);
            } else {
                venue.marketOrder(account, side, sliceQuote / mid, false);
            }
        }
        long next = now + sliceNanos;
        return next >= endNanos ? NEVER : next;
    }

    @Override
    public void onFill(long accountId, MarketVenue v, Side s, long priceE8, long qtyE8) {
        executedQty += qtyE8 / 1e8;
    }
}
