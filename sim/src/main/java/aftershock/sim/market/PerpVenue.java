package aftershock.sim.market;

import aftershock.engine.api.Command;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;
import aftershock.engine.book.OrderBook;
import aftershock.engine.exchange.ExchangeCommand;

/** A perpetual of the exchange under study: orders go through its risk checks, margin and liquidation engine. */
public final class PerpVenue extends MarketVenue {
    final int index;
    private final OrderBook book;
    private final long[] depthTicks = new long[4096];
    private final long[] depthLots = new long[4096];
    private final int[] depthCounts = new int[4096];

    PerpVenue(Market market, int index, int asset, aftershock.engine.api.Instrument instrument) {
        super(market, instrument.symbol(), asset, instrument);
        this.index = index;
        this.book = market.exchange().book(instrument.symbol());
    }

    @Override
    public boolean isPerp() {
        return true;
    }

    public int index() {
        return index;
    }

    @Override
    public long bestBidE8() {
        long t = book.bestBidTicks();
        return t == OrderBook.NO_PRICE ? 0 : instrument.priceE8(t);
    }

    @Override
    public long bestAskE8() {
        long t = book.bestAskTicks();
        return t == OrderBook.NO_PRICE ? 0 : instrument.priceE8(t);
    }

    @Override
    public long lastE8() {
        long t = book.lastPriceTicks();
        return t == OrderBook.NO_PRICE ? 0 : instrument.priceE8(t);
    }

    public double mark() {
        return market.exchange().markPriceE8(name) / 1e8;
    }

    public double indexPrice() {
        return market.exchange().indexPriceE8(name) / 1e8;
    }

    @Override
    public double depthQuote(Side side, double fraction) {
        double mid = mid();
        if (mid <= 0) {
            return 0;
        }
        int n = book.depth(side, depthTicks.length, depthTicks, depthLots, depthCounts);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double p = depthTicks[i] * tick;
            if (Math.abs(p - mid) > mid * fraction) {
                break;
            }
            total += p * depthLots[i] * step;
        }
        return total;
    }

    @Override
    public boolean limit(long account, Side side, double price, double qty, TimeInForce tif, boolean reduceOnly) {
        long q = qtyE8(qty);
        if (q == 0 || price <= 0) {
            return false;
        }
        long p = priceE8(price, side, tif == TimeInForce.GTC || tif == TimeInForce.GTX);
        if (!reduceOnly && (double) p / 1e8 * q / 1e8 < instrument.minNotionalTickLots() * instrument.notionalPerTickLotE8() / 1e8) {
            return false;
        }
        return market.submitPerp(new ExchangeCommand.Order(market.now(), name, new Command.PlaceOrder(market.now(), account, 0,
                side, OrderType.LIMIT, tif, p, q, 0, WorkingType.CONTRACT_PRICE, reduceOnly, StpMode.EXPIRE_MAKER)));
    }

    @Override
    public boolean marketOrder(long account, Side side, double qty, boolean reduceOnly) {
        long q = qtyE8(qty);
        if (q == 0) {
            return false;
        }
        q = Math.min(q, instrument.qtyE8(instrument.marketMaxQtyLots()));
        return market.submitPerp(new ExchangeCommand.Order(market.now(), name, new Command.PlaceOrder(market.now(), account, 0,
                side, OrderType.MARKET, TimeInForce.IOC, 0, q, 0, WorkingType.CONTRACT_PRICE, reduceOnly, StpMode.EXPIRE_MAKER)));
    }

    @Override
    public boolean stop(long account, Side side, double stopPrice, double qty) {
        long q = qtyE8(qty);
        if (q == 0 || stopPrice <= 0) {
            return false;
        }
        long s = priceE8(stopPrice, side, false);
        return market.submitPerp(new ExchangeCommand.Order(market.now(), name, new Command.PlaceOrder(market.now(), account, 0,
                side, OrderType.STOP_MARKET, TimeInForce.GTC, 0, q, s, WorkingType.CONTRACT_PRICE, true, StpMode.EXPIRE_MAKER)));
    }

    @Override
    public boolean takeProfit(long account, Side side, double triggerPrice, double qty) {
        long q = qtyE8(qty);
        if (q == 0 || triggerPrice <= 0) {
            return false;
        }
        long t = priceE8(triggerPrice, side, true);
        return market.submitPerp(new ExchangeCommand.Order(market.now(), name, new Command.PlaceOrder(market.now(), account, 0,
                side, OrderType.TAKE_PROFIT_MARKET, TimeInForce.GTC, 0, q, t, WorkingType.MARK_PRICE, true, StpMode.EXPIRE_MAKER)));
    }

    @Override
    public void cancelAll(long account) {
        market.submitPerp(new ExchangeCommand.Order(market.now(), name, new Command.CancelAll(market.now(), account)));
    }

    /** The account's position in base units (signed). */
    public double position(long account) {
        return market.exchange().ledger().positionLots(account, index) * step;
    }
}
