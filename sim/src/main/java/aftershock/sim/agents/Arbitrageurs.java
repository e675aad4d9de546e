package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.sim.core.Rng;
import aftershock.sim.market.Market;
import aftershock.sim.market.MarketVenue;
import aftershock.sim.market.PerpVenue;

/**
 * Arbitrage between two books of one asset: sell the rich one and buy the cheap one when their mids differ by more
 * than {@code bandBps} (fees and the cost of moving money between venues), up to an inventory limit per leg, and
 * unwind when the gap has closed. Used for the perpetual–spot basis (perpetual vs the offshore spot book) and for
 * U.S. vs offshore spot (whose limit is what lets the Coinbase premium persist under one-sided U.S. flow).
 */
public final class Arbitrageurs extends Agent {
    public record Params(double wakeSeconds, double bandBps, double sizeQuote, double inventoryLimitQuote,
                         double unwindBps) {
    }

    private final Market market;
    private final MarketVenue a;
    private final MarketVenue b;
    private final Params p;
    private final Rng rng;
    private final long account;
    private double inventoryA;
    private double inventoryB;

    public Arbitrageurs(String name, Market market, MarketVenue a, MarketVenue b, Params p, Rng rng, long depositE8) {
        super(name);
        this.market = market;
        this.a = a;
        this.b = b;
        this.p = p;
        this.rng = rng;
        this.account = market.openAccount(this, a.isPerp() || b.isPerp() ? depositE8 : 0, 5);
    }

    private double inv(MarketVenue v) {
        if (v instanceof PerpVenue perp) {
            return perp.position(account);
        }
        return v == a ? inventoryA : inventoryB;
    }

    @Override
    public long wake(long now) {
        double midA = a.mid();
        double midB = b.mid();
        if (midA > 0 && midB > 0 && a.bestBid() > 0 && a.bestAsk() > 0 && b.bestBid() > 0 && b.bestAsk() > 0) {
            double gapBps = (a.bestBid() / b.bestAsk() - 1) * 1e4;
            double gapRev = (b.bestBid() / a.bestAsk() - 1) * 1e4;
            double limitQty = p.inventoryLimitQuote() / midA;
            double qty = p.sizeQuote() / midA;
            if (gapBps > p.bandBps() && inv(a) > -limitQty) {
                qty = Math.min(qty, limitQty + inv(a));
                trade(Side.SELL, Side.BUY, qty);
            } else if (gapRev > p.bandBps() && inv(a) < limitQty) {
                qty = Math.min(qty, limitQty - inv(a));
                trade(Side.BUY, Side.SELL, qty);
            } else {
                double gap = (midA / midB - 1) * 1e4;
                double ia = inv(a);
                if (Math.abs(gap) < p.unwindBps() && Math.abs(ia) * midA > p.sizeQuote() * 0.1) {
                    double q = Math.min(Math.abs(ia), qty);
                    trade(ia > 0 ? Side.SELL : Side.BUY, ia > 0 ? Side.BUY : Side.SELL, q);
                }
            }
        }
        return now + Math.max(1_000_000L, (long) (rng.exponential(p.wakeSeconds()) * 1e9));
    }

    /**
     * Takes book A up to the price where the gap to B's touch closes to the band (sweeping every level that is still
     * mispriced), then the same quantity on B within half a percent of its touch.
     */
    private void trade(Side sideA, Side sideB, double qty) {
        double band = p.bandBps() / 1e4;
        double pa = sideA == Side.BUY ? b.bestBid() * (1 - band) : b.bestAsk() * (1 + band);
        double pb = sideB == Side.BUY ? b.bestAsk() : b.bestBid();
        double before = inv(a);
        a.limit(account, sideA, pa, qty, TimeInForce.IOC, false);
        double done = Math.abs(inv(a) - before);
        if (done > 0) {
            b.limit(account, sideB, pb * (sideB == Side.BUY ? 1.005 : 0.995), done, TimeInForce.IOC, false);
        }
    }

    /** Inventory of both legs and the last gap seen (diagnostics). */
    public String state() {
        return String.format(java.util.Locale.ROOT, "%s invA=%.3f invB=%.3f", name(), inv(a), inv(b));
    }

    @Override
    public void onFill(long accountId, MarketVenue v, Side side, long priceE8, long qtyE8) {
        if (v.isPerp()) {
            return;
        }
        double q = side == Side.BUY ? qtyE8 / 1e8 : -qtyE8 / 1e8;
        if (v == a) {
            inventoryA += q;
        } else {
            inventoryB += q;
        }
    }
}
