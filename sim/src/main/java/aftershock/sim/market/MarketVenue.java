package aftershock.sim.market;

import aftershock.engine.api.Instrument;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;

/**
 * One order book agents trade on: a perpetual of the exchange under study, or a spot venue. Agents think in doubles
 * (their beliefs); here their prices and sizes become ticks and lots of the instrument (passive prices rounded away
 * from the touch, sizes floored), and everything the book sees is fixed-point.
 */
public abstract class MarketVenue {
    protected final Market market;
    protected final Instrument instrument;
    protected final String name;
    protected final int asset;
    protected final double tick;
    protected final double step;

    MarketVenue(Market market, String name, int asset, Instrument instrument) {
        this.market = market;
        this.name = name;
        this.asset = asset;
        this.instrument = instrument;
        this.tick = instrument.tickSizeE8() / 1e8;
        this.step = instrument.stepSizeE8() / 1e8;
    }

    public String name() {
        return name;
    }

    /** The index of the underlying asset (BTC 0, ETH 1, as in the scenario). */
    public int asset() {
        return asset;
    }

    public Instrument instrument() {
        return instrument;
    }

    public abstract boolean isPerp();

    public abstract long bestBidE8();

    public abstract long bestAskE8();

    public abstract long lastE8();

    public double bestBid() {
        return bestBidE8() / 1e8;
    }

    public double bestAsk() {
        return bestAskE8() / 1e8;
    }

    /** Mid of the touch; the last trade when a side is empty; 0 when nothing is known. */
    public double mid() {
        long b = bestBidE8();
        long a = bestAskE8();
        if (b > 0 && a > 0) {
            return (a + b) / 2e8;
        }
        return lastE8() / 1e8;
    }

    /** Sum of resting quantity × price (quote units) within {@code fraction} of mid on one side. */
    public abstract double depthQuote(Side side, double fraction);

    protected long priceE8(double price, Side side, boolean passive) {
        double ticks = price / tick;
        long t = passive ? (side == Side.BUY ? (long) Math.floor(ticks + 1e-9) : (long) Math.ceil(ticks - 1e-9))
                : (side == Side.BUY ? (long) Math.ceil(ticks - 1e-9) : (long) Math.floor(ticks + 1e-9));
        t = Math.max(instrument.minPriceTicks(), Math.min(instrument.maxPriceTicks(), t));
        return instrument.priceE8(t);
    }

    protected long qtyE8(double qty) {
        long lots = (long) Math.floor(qty / step + 1e-9);
        lots = Math.min(lots, instrument.maxQtyLots());
        return lots < instrument.minQtyLots() ? 0 : instrument.qtyE8(lots);
    }

    /** A resting (GTC) or marketable (IOC) limit order; returns false when it was too small or refused. */
    public abstract boolean limit(long account, Side side, double price, double qty, TimeInForce tif, boolean reduceOnly);

    /** A market order (within the venue's protections); returns false when too small or refused. */
    public abstract boolean marketOrder(long account, Side side, double qty, boolean reduceOnly);

    /**
     * A reduce-only take-profit-market order triggered by the mark price (perpetuals only): it closes {@code qty} when
     * the mark reaches {@code triggerPrice} (above for a long's sell, below for a short's buy).
     */
    public boolean takeProfit(long account, Side side, double triggerPrice, double qty) {
        throw new UnsupportedOperationException(name + " takes no take-profit orders");
    }

    /** A reduce-only stop-market order on the last price (perpetuals only). */
    public abstract boolean stop(long account, Side side, double stopPrice, double qty);

    public abstract void cancelAll(long account);
}
