package aftershock.engine.margin;

import aftershock.engine.api.Side;

/** Binance's pre-trade figures for one order: its assumed price and its open loss. E8 throughout. */
public final class Exposure {
    /** Sell limit orders are valued at no less than the last price × (1 + 0.15%) (Binance FAQ, current text). */
    public static final long SELL_LAST_MARKUP_E8 = 150_000L;
    /** Market buys are valued at the best ask × (1 + 0.05%). */
    public static final long MARKET_BUY_MARKUP_E8 = 50_000L;

    private Exposure() {
    }

    /**
     * The price an order is valued at for initial margin: a buy limit at its price; a sell limit at
     * max(last × 1.0015, mark, price); a market buy at best ask × 1.0005 (mark without an ask); a market sell at
     * max(best bid, mark). Inputs of 0 mean "not known" and drop out.
     */
    public static long assumedPriceE8(Side side, boolean market, long priceE8, long markE8, long lastE8,
                                      long bestBidE8, long bestAskE8) {
        if (market) {
            if (side == Side.BUY) {
                long ref = bestAskE8 > 0 ? bestAskE8 : markE8;
                return ref + Fixed.applyRate(ref, MARKET_BUY_MARKUP_E8, Fixed.Round.CEILING);
            }
            return Math.max(bestBidE8, markE8);
        }
        if (side == Side.BUY) {
            return priceE8;
        }
        long lastUp = lastE8 > 0 ? lastE8 + Fixed.applyRate(lastE8, SELL_LAST_MARKUP_E8, Fixed.Round.CEILING) : 0;
        return Math.max(Math.max(lastUp, markE8), priceE8);
    }

    /** Open loss = qty × |min(0, dir × (mark − price))|: a buy above the mark or a sell below it pre-funds the gap. */
    public static long openLossE8(Side side, long qtyE8, long priceE8, long markE8) {
        if (markE8 <= 0) {
            return 0;
        }
        long gap = side == Side.BUY ? priceE8 - markE8 : markE8 - priceE8;
        return gap <= 0 ? 0 : Fixed.mulDiv(qtyE8, gap, Fixed.E8, Fixed.Round.CEILING);
    }
}
