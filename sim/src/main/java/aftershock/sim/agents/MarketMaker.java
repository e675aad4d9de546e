package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.sim.core.Rng;
import aftershock.sim.market.Market;
import aftershock.sim.market.MarketVenue;
import aftershock.sim.market.PerpVenue;

/**
 * A market maker quoting a ladder on one book. Each wake-up it cancels and re-posts {@code levels} orders per side
 * around a reference price — the book's mid, pulled toward the index on a perpetual (it hedges against spot) —
 * skewed against its inventory. Its spread widens and its size shrinks with the realised volatility it observes;
 * it stops adding to inventory beyond its limit; after a loss beyond its limit, or after being auto-deleveraged,
 * its appetite drops and comes back slowly (the "inventories kept deliberately low" after 2025-10-10).
 */
public final class MarketMaker extends Agent {
    /** Parameters, in simulation units (quote currency already divided by the scenario's scale). */
    public record Params(int levels, double halfSpreadBps, double levelStepBps, double sizePerLevelQuote,
                         double requoteSeconds, double inventoryLimitQuote, double skewBps, double lossLimitQuote,
                         double withdrawFactor, double recoverMinutes, double adlAppetite, double volRefBps,
                         double indexWeight, double minAppetite, double fundamentalPull) {
    }

    /** How far through the spot touch a hedge may trade. */
    static final double HEDGE_SLIPPAGE = 0.0015;

    private final Market market;
    private final MarketVenue venue;
    private final Params p;
    private final Rng rng;
    private final long account;
    private double inventory;
    private double cash;
    private double appetite = 1;
    private double peakEquity;
    private long windowStart;
    private double lastRef;
    private double volEwma;
    private long lastWake;
    private int adlHits;
    private int withdrawals;
    private double lastCenter = 1;
    private double lastHalf = 1;
    private double lastAppetite = 1;
    private long lastQuote = Long.MIN_VALUE / 2;
    private double filledQtySinceQuote;

    private final Fundamental fallback;
    private MarketVenue hedgeVenue;
    private double hedgeInventory;
    private double hedgeCash;
    private double hedgedQuote;
    /** Hedge notional the desk may still send now (quote units): refills at {@link #HEDGE_RATE} limits per minute. */
    private double hedgeBudget;
    private long hedgeBudgetAt = Long.MIN_VALUE;
    /**
     * How fast a desk hedges, in inventory limits per minute. A real desk works its hedge over several spot venues
     * and over minutes; one that sells half its limit every second into one book is what turned liquidation flow
     * into a sweep of the index's offshore constituent.
     */
    static final double HEDGE_RATE = 0.5;

    /**
     * A perpetual maker hedges on a spot book: when its net inventory passes half its limit it sells (buys) the
     * excess there at market, so it can keep quoting; the hedge leg is part of its inventory and PnL. This is how
     * liquidation flow into the perpetual reaches spot (and the index) through the makers who absorbed it.
     */
    public MarketMaker hedgeOn(MarketVenue spot) {
        this.hedgeVenue = spot;
        return this;
    }

    public double hedgedQuote() {
        return hedgedQuote;
    }

    public MarketMaker(String name, Market market, MarketVenue venue, Params p, Rng rng, long depositE8, Fundamental fallback) {
        super(name);
        this.fallback = fallback;
        this.market = market;
        this.venue = venue;
        this.p = p;
        this.rng = rng;
        this.account = market.openAccount(this, venue.isPerp() ? depositE8 : 0, 5);
        this.volEwma = p.volRefBps() / 1e4;
    }

    public long account() {
        return account;
    }

    public double appetite() {
        return appetite;
    }

    public int adlHits() {
        return adlHits;
    }

    public int withdrawals() {
        return withdrawals;
    }

    /** Mark-to-market PnL in quote units (cash + inventory at mid; perp cash includes fees and funding via the ledger). */
    public double pnl() {
        double mid = venue.mid();
        if (venue.isPerp()) {
            var ledger = market.exchange().ledger();
            double hedge = hedgeVenue == null ? 0 : hedgeCash + hedgeInventory * hedgeVenue.mid();
            return (ledger.walletBalanceE8(account) + ledger.unrealizedPnlE8(account, ((PerpVenue) venue).index())) / 1e8
                    - initialDeposit + hedge;
        }
        return cash + inventory * mid;
    }

    private double initialDeposit = Double.NaN;
    /** Collateral moved to the venue from the hedge side during the run (quote units). */
    private double transferred;

    @Override
    public long wake(long now) {
        if (Double.isNaN(initialDeposit)) {
            initialDeposit = venue.isPerp() ? market.exchange().ledger().walletBalanceE8(account) / 1e8 : 0;
        }
        if (venue instanceof PerpVenue perp && hedgeVenue != null) {
            // The perpetual leg of a hedged book loses what the spot leg gains: the desk moves collateral back to
            // the venue before its margin runs out (a maker out of margin has every quote rejected).
            var ledger = market.exchange().ledger();
            double equity = (ledger.walletBalanceE8(account) + ledger.unrealizedPnlE8(account, perp.index())) / 1e8;
            // What the hedged position ties up at 5× plus the ladder's margin must stay covered.
            double need = Math.abs(perp.position(account)) * perp.mark() * 0.25 + initialDeposit * 0.5;
            if (equity < need) {
                double topUp = need * 1.4 - equity;
                market.submitPerp(new aftershock.engine.exchange.ExchangeCommand.Deposit(now, account, Math.round(topUp * 1e8)));
                initialDeposit += topUp;
                transferred += topUp;
            }
        }
        double bidTop = venue.bestBid();
        double askTop = venue.bestAsk();
        // A one-sided or empty book has no meaningful mid: fall back on the index (perpetual) or belief (spot).
        double mid = bidTop > 0 && askTop > 0 ? (bidTop + askTop) / 2 : 0;
        double ref = mid;
        if (venue instanceof PerpVenue perp) {
            double index = perp.indexPrice();
            if (index > 0) {
                ref = mid > 0 ? p.indexWeight() * index + (1 - p.indexWeight()) * mid : index;
            }
        }
        if (ref <= 0) {
            ref = fallback.valueAt(now); // an empty book: quote around what the maker believes
        } else if (p.fundamentalPull() > 0) {
            // Makers see other markets too: their reference leans toward (a noisy reading of) the fundamental.
            ref += p.fundamentalPull() * (fallback.valueAt(now) * (1 + rng.normal() * 1e-4) - ref);
        }
        double dt = Math.max(1e-3, (now - lastWake) / 1e9);
        if (lastRef > 0) {
            // Realised volatility of the reference, per minute, smoothed over about ten minutes.
            double r = Math.log(ref / lastRef);
            double w = Math.min(1, dt / 600.0);
            volEwma = Math.sqrt(Math.max(0, (1 - w) * volEwma * volEwma + w * (r * r / dt) * 60.0));
        }
        lastRef = ref;
        lastWake = now;
        // Appetite: recovers toward 1; cut after a drawdown beyond the loss limit.
        appetite += (1 - appetite) * Math.min(1, dt / (p.recoverMinutes() * 60.0));
        // A loss beyond the limit within the loss window cuts the appetite (the drawdown is measured from the
        // window's peak, which resets every window: old losses do not keep cutting).
        double equity = pnl();
        if (now - windowStart > (long) (p.recoverMinutes() * 60e9 / 4)) {
            windowStart = now;
            peakEquity = equity;
        }
        peakEquity = Math.max(peakEquity, equity);
        if (peakEquity - equity > p.lossLimitQuote()) {
            appetite = Math.max(p.minAppetite(), appetite * p.withdrawFactor());
            peakEquity = equity;
            withdrawals++;
            market.note(name() + " withdraws after a loss: appetite " + String.format(java.util.Locale.ROOT, "%.3f", appetite));
        }
        // Volatility widens the spread and thins the size, by its square root and at most fourfold.
        // A maker that has cut its appetite quotes less size and somewhat wider, but keeps quoting: withdrawal thins
        // the book near the mid, it does not empty it.
        double widen = Math.min(3, Math.sqrt(Math.max(1, volEwma / (p.volRefBps() / 1e4))));
        double half = p.halfSpreadBps() / 1e4 * widen / Math.max(0.5, appetite);
        double step = p.levelStepBps() / 1e4 * widen;
        double size = p.sizePerLevelQuote() / ref * appetite / widen;
        if (hedgeVenue != null) {
            double net = inventory();
            if (Math.abs(net) * ref > p.inventoryLimitQuote() * 0.5) {
                double excess = net - Math.signum(net) * p.inventoryLimitQuote() * 0.2 / ref;
                double before = hedgeInventory;
                // A marketable limit a few basis points through the touch, at most half the limit per look: the
                // hedge takes what the spot book offers near its mid and leaves the rest for the next look rather
                // than sweeping the spot book (which feeds the index, hence every account's mark).
                boolean sell = excess > 0;
                double touch = sell ? hedgeVenue.bestBid() : hedgeVenue.bestAsk();
                if (hedgeBudgetAt == Long.MIN_VALUE) {
                    hedgeBudgetAt = now;
                }
                hedgeBudget = Math.min(p.inventoryLimitQuote() * 0.5,
                        hedgeBudget + p.inventoryLimitQuote() * HEDGE_RATE * (now - hedgeBudgetAt) / 60e9);
                hedgeBudgetAt = now;
                if (touch > 0 && hedgeBudget > 0) {
                    double qty = Math.min(Math.abs(excess), Math.min(hedgeBudget, p.inventoryLimitQuote() * 0.5) / ref);
                    hedgeVenue.limit(account, sell ? Side.SELL : Side.BUY, touch * (sell ? 1 - HEDGE_SLIPPAGE : 1 + HEDGE_SLIPPAGE),
                            qty, TimeInForce.IOC, false);
                }
                hedgedQuote += Math.abs(hedgeInventory - before) * ref;
                hedgeBudget -= Math.abs(hedgeInventory - before) * ref;
            }
        }
        double invQuote = (inventory() - 0.5 * hedgeInventory) * ref;
        double skew = -invQuote / p.inventoryLimitQuote() * p.skewBps() / 1e4;
        double center = ref * (1 + skew);
        // Requote only when something changed enough to matter: the centre moved by a fraction of a level step, the
        // book around the quotes was traded, or the appetite changed (cuts the cancel/replace traffic of a calm book).
        boolean moved = Math.abs(center / lastCenter - 1) > Math.max(step * 0.5, half * 0.5) || Math.abs(half / lastHalf - 1) > 0.3
                || Math.abs(appetite - lastAppetite) > 0.1;
        if (!moved && filledQtySinceQuote < size * 1.5 && now - lastQuote < 60 * SECOND) {
            return now + Math.max(50_000_000L, (long) (rng.exponential(p.requoteSeconds()) * 1e9));
        }
        lastCenter = center;
        lastHalf = half;
        lastAppetite = appetite;
        lastQuote = now;
        filledQtySinceQuote = 0;
        venue.cancelAll(account);
        // Inventory limits: the side that would add to inventory shrinks linearly to a fifth at the limit (makers
        // never vanish outright; they skew and shrink, and their reference leans away from their inventory).
        double fill = Math.min(1, Math.abs(invQuote) / Math.max(1e-9, p.inventoryLimitQuote() * Math.max(0.25, appetite)));
        double bidScale = invQuote > 0 ? Math.max(0.2, 1 - fill) : 1;
        double askScale = invQuote < 0 ? Math.max(0.2, 1 - fill) : 1;
        double bestAsk = venue.bestAsk();
        double bestBid = venue.bestBid();
        double tickSize = venue.instrument().tickSizeE8() / 1e8;
        for (int i = 0; i < p.levels(); i++) {
            double off = half + i * step;
            double q = size * (1 + 0.25 * i) * (0.8 + 0.4 * rng.uniform());
            venue.limit(account, Side.BUY, Math.min(center * (1 - off), bestAsk > 0 ? bestAsk - tickSize : Double.MAX_VALUE),
                    q * bidScale, TimeInForce.GTX, false);
            venue.limit(account, Side.SELL, Math.max(center * (1 + off), bestBid > 0 ? bestBid + tickSize : 0),
                    q * askScale, TimeInForce.GTX, false);
        }
        return now + Math.max(50_000_000L, (long) (rng.exponential(p.requoteSeconds()) * 1e9));
    }

    /** Net inventory in base units: the book's position plus the hedge leg. */
    private double inventory() {
        return (venue instanceof PerpVenue perp ? perp.position(account) : inventory) + hedgeInventory;
    }

    @Override
    public void onFill(long accountId, MarketVenue v, Side side, long priceE8, long qtyE8) {
        if (v == hedgeVenue && v != venue) {
            double q = qtyE8 / 1e8;
            hedgeInventory += side == Side.BUY ? q : -q;
            hedgeCash += side == Side.BUY ? -q * priceE8 / 1e8 : q * priceE8 / 1e8;
            return;
        }
        filledQtySinceQuote += qtyE8 / 1e8;
        if (v.isPerp()) {
            return; // the ledger keeps the perpetual position and cash
        }
        double q = qtyE8 / 1e8;
        double px = priceE8 / 1e8;
        if (side == Side.BUY) {
            inventory += q;
            cash -= q * px;
        } else {
            inventory -= q;
            cash += q * px;
        }
    }

    @Override
    public void onVenueClose(long accountId, MarketVenue v, String stage, long qtyE8, long priceE8) {
        if (stage.equals("ADL_COUNTERPARTY")) {
            adlHits++;
            appetite = Math.min(appetite, p.adlAppetite());
            market.note(name() + " auto-deleveraged " + qtyE8 / 1e8 + " at " + priceE8 / 1e8 + ": appetite " + appetite);
        }
    }
}
