package aftershock.sim.market;

import aftershock.engine.api.Command;
import aftershock.engine.api.Event;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.PriceLevel;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.Venue;
import aftershock.engine.api.WorkingType;

import java.util.List;

/**
 * A spot venue's book (Coinbase-like U.S. venue or an offshore USDT venue). Only matching: spot traders' cash and
 * coins are the agents' own business (they are not the venue under study). Its prices feed the perpetuals' index.
 */
public final class SpotVenue extends MarketVenue {
    private final Venue venue;
    private final String source;

    SpotVenue(Market market, String name, String source, int asset, Instrument instrument) {
        super(market, name, asset, instrument);
        this.source = source;
        this.venue = new Venue(instrument);
    }

    /** The index source name this venue's price is published under. */
    public String source() {
        return source;
    }

    @Override
    public boolean isPerp() {
        return false;
    }

    @Override
    public long bestBidE8() {
        return venue.bestBidE8();
    }

    @Override
    public long bestAskE8() {
        return venue.bestAskE8();
    }

    @Override
    public long lastE8() {
        return venue.lastPriceE8();
    }

    @Override
    public double depthQuote(Side side, double fraction) {
        double mid = mid();
        if (mid <= 0) {
            return 0;
        }
        double total = 0;
        for (PriceLevel l : venue.depth(side, 4096)) {
            double p = l.priceE8() / 1e8;
            if (Math.abs(p - mid) > mid * fraction) {
                break;
            }
            total += p * l.qtyE8() / 1e8;
        }
        return total;
    }

    private boolean submit(Command c) {
        market.countSpotOp();
        List<Event> events = venue.submit(c);
        boolean ok = true;
        for (Event e : events) {
            market.onSpotEvent(this, e);
            if (e.kind() == Event.Kind.REJECTED) {
                ok = false;
            }
        }
        return ok;
    }

    @Override
    public boolean limit(long account, Side side, double price, double qty, TimeInForce tif, boolean reduceOnly) {
        long q = qtyE8(qty);
        if (q == 0 || price <= 0) {
            return false;
        }
        long p = priceE8(price, side, tif == TimeInForce.GTC || tif == TimeInForce.GTX);
        return submit(new Command.PlaceOrder(market.now(), account, 0, side, OrderType.LIMIT, tif, p, q, 0,
                WorkingType.CONTRACT_PRICE, false, StpMode.EXPIRE_MAKER));
    }

    /**
     * A market order with price protection: an IOC limit {@link #PROTECTION} beyond the mid, as spot venues protect
     * market orders from walking an empty book (the perpetual's protection is the engine's marketTakeBound).
     */
    @Override
    public boolean marketOrder(long account, Side side, double qty, boolean reduceOnly) {
        double mid = mid();
        if (mid <= 0) {
            return false;
        }
        return limit(account, side, side == Side.BUY ? mid * (1 + PROTECTION) : mid * (1 - PROTECTION), qty, TimeInForce.IOC, false);
    }

    /** Spot market orders fill no further than this fraction from the mid. */
    public static final double PROTECTION = 0.02;

    @Override
    public boolean stop(long account, Side side, double stopPrice, double qty) {
        throw new UnsupportedOperationException("spot venues take no stop orders in the simulator");
    }

    @Override
    public void cancelAll(long account) {
        submit(new Command.CancelAll(market.now(), account));
    }
}
