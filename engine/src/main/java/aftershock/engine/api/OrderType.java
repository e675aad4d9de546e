package aftershock.engine.api;

/**
 * Order types of Binance USDⓈ-M futures. STOP and TAKE_PROFIT are the limit variants of the triggered orders
 * (they rest at their limit price once triggered); the *_MARKET variants become market orders.
 * Trigger rules (Binance): STOP* BUY fires when the reference price rises to the stop price or above,
 * STOP* SELL when it falls to it or below; TAKE_PROFIT* the other way round.
 */
public enum OrderType {
    LIMIT(false, false, true),
    MARKET(false, false, false),
    STOP_MARKET(true, false, false),
    TAKE_PROFIT_MARKET(true, true, false),
    STOP(true, false, true),
    TAKE_PROFIT(true, true, true);

    private static final OrderType[] VALUES = values();

    private final boolean triggered;
    private final boolean takeProfit;
    private final boolean hasLimitPrice;

    OrderType(boolean triggered, boolean takeProfit, boolean hasLimitPrice) {
        this.triggered = triggered;
        this.takeProfit = takeProfit;
        this.hasLimitPrice = hasLimitPrice;
    }

    /** True for orders that wait for a stop price before they execute. */
    public boolean isTriggered() {
        return triggered;
    }

    /** True for the take-profit family, whose trigger direction is the reverse of a stop's. */
    public boolean isTakeProfit() {
        return takeProfit;
    }

    /** True when the order carries a limit price (LIMIT, STOP, TAKE_PROFIT). */
    public boolean hasLimitPrice() {
        return hasLimitPrice;
    }

    public static OrderType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
