package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.sim.core.Rng;
import aftershock.sim.market.Market;
import aftershock.sim.market.MarketVenue;
import aftershock.sim.market.PerpVenue;

/**
 * Uninformed flow on one book, as one Poisson stream of market orders with lognormal sizes. Its rate rises with the
 * recent absolute return (traders come in when the market moves: the self-exciting part that clusters volatility
 * and volume). On a perpetual it leans against its own position so it does not drift into a huge one.
 */
public final class NoiseTraders extends Agent {
    public record Params(double ordersPerMinute, double medianSizeQuote, double sizeSigma, double excitation,
                         double excitationRefBps, double positionLimitQuote) {
    }

    /** Activity rises with volatility up to this multiple of the base rate. */
    static final double MAX_EXCITATION = 4;

    private final Market market;
    private final MarketVenue venue;
    private final Params p;
    private final Rng rng;
    private final long account;
    private double spotPosition;
    private double refMid;
    private long refTime;
    private double excite;

    public NoiseTraders(String name, Market market, MarketVenue venue, Params p, Rng rng, long depositE8) {
        super(name);
        this.market = market;
        this.venue = venue;
        this.p = p;
        this.rng = rng;
        this.account = market.openAccount(this, venue.isPerp() ? depositE8 : 0, 5);
    }

    @Override
    public long wake(long now) {
        double mid = venue.mid();
        if (mid > 0) {
            if (refMid == 0) {
                refMid = mid;
                refTime = now;
            }
            if (now - refTime >= 60 * SECOND) {
                double r = Math.abs(Math.log(mid / refMid)) * 1e4;
                excite = 0.7 * excite + 0.3 * (r / p.excitationRefBps());
                refMid = mid;
                refTime = now;
            }
            double pos = venue instanceof PerpVenue perp ? perp.position(account) : spotPosition;
            double lean = Math.tanh(pos * mid / p.positionLimitQuote());
            Side side = rng.uniform() < 0.5 - 0.45 * lean ? Side.BUY : Side.SELL;
            double qty = rng.lognormal(p.medianSizeQuote(), p.sizeSigma()) / mid;
            venue.marketOrder(account, side, qty, false);
        }
        double rate = p.ordersPerMinute() * Math.min(MAX_EXCITATION, 1 + p.excitation() * excite);
        return now + Math.max(1_000_000L, (long) (rng.exponential(60.0 / rate) * 1e9));
    }

    @Override
    public void onFill(long accountId, MarketVenue v, Side side, long priceE8, long qtyE8) {
        if (!v.isPerp()) {
            spotPosition += side == Side.BUY ? qtyE8 / 1e8 : -qtyE8 / 1e8;
        }
    }
}
