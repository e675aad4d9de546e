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

    /** How far through the other book's touch the second leg may trade. */
    static final double HEDGE_REACH = 0.003;
    /** The largest multiple of its trade size a perpetual–spot desk takes when the gap is wide (10 bands per step). */
    static final double MAX_SCALE = 10;
    /** The most a perpetual–spot desk holds unhedged, in trade sizes. */
    static final double BACKLOG_SIZES = 250;
    /** Second-leg quantity still to trade on B (positive: buy). */
    private double pendingB;

    private final Market market;
    private final MarketVenue a;
    private final MarketVenue b;
    private final Params p;
    private final Rng rng;
    private final long account;
    private double inventoryA;
    private double inventoryB;
    private double priceBand;

    /** The perpetual's price band (a fraction; 0 = none): the perpetual leg's limit stays inside it. */
    public Arbitrageurs withPriceBand(double band) {
        this.priceBand = band;
        return this;
    }

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
        workHedge();
        double midA = a.mid();
        double midB = b.mid();
        if (midA > 0 && midB > 0 && a.bestBid() > 0 && a.bestAsk() > 0 && b.bestBid() > 0 && b.bestAsk() > 0) {
            double gapBps = (a.bestBid() / b.bestAsk() - 1) * 1e4;
            double gapRev = (b.bestBid() / a.bestAsk() - 1) * 1e4;
            double limitQty = p.inventoryLimitQuote() / midA;
            // A carry desk against a perpetual sizes up with the dislocation (the funding it will earn grows with it).
            double scale = a.isPerp() ? Math.min(MAX_SCALE, Math.max(1, Math.max(gapBps, gapRev) / (p.bandBps() * 10))) : 1;
            double qty = p.sizeQuote() * scale / midA;
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
     * mispriced), then the same quantity on B at most {@link #HEDGE_REACH} through its touch. Against a perpetual the
     * desk is a carry book: it buys a discount even when the spot book near its touch cannot take the hedge at once,
     * keeps the unhedged rest as a backlog (at most {@link #BACKLOG_SIZES} trade sizes) and works it into spot one trade size per
     * look — a sweep of the spot book would move the index the perpetual is priced against.
     */
    private void trade(Side sideA, Side sideB, double qty) {
        double band = p.bandBps() / 1e4;
        double pa = sideA == Side.BUY ? b.bestBid() * (1 - band) : b.bestAsk() * (1 + band);
        if (a.isPerp()) {
            double mid = Math.max(1e-9, b.mid());
            double room = Math.max(0, BACKLOG_SIZES * p.sizeQuote() / mid - Math.abs(pendingB));
            if (qty > room) { // the backlog is full: only what the spot book near its touch takes now
                qty = Math.min(qty, room + b.depthQuote(sideB == Side.BUY ? Side.SELL : Side.BUY, HEDGE_REACH) / mid);
            }
        }
        if (qty <= 0) {
            return;
        }
        double before = inv(a);
        a.limit(account, sideA, withinBand(a, sideA, pa, priceBand), qty, TimeInForce.IOC, false);
        double done = Math.abs(inv(a) - before);
        if (done > 0) {
            pendingB += sideB == Side.BUY ? done : -done;
            workHedge();
        }
    }

    /** Sends the backlog of the second leg to B: at most one trade size per look, within reach of its touch. */
    private void workHedge() {
        if (Math.abs(pendingB) < 1e-4 || b.bestBid() <= 0 || b.bestAsk() <= 0) { // below the spot lot: nothing to send
            return;
        }
        boolean buy = pendingB > 0;
        double mid = b.mid();
        double q = Math.min(Math.abs(pendingB), p.sizeQuote() / mid);
        double touch = buy ? b.bestAsk() : b.bestBid();
        double before = inv(b);
        b.limit(account, buy ? Side.BUY : Side.SELL, touch * (buy ? 1 + HEDGE_REACH : 1 - HEDGE_REACH), q, TimeInForce.IOC, false);
        pendingB -= inv(b) - before;
        if (Math.abs(pendingB) < 1e-9) {
            pendingB = 0;
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
