package aftershock.engine.api;

/**
 * A command to the venue. Prices and quantities are E8 fixed-point decimals; the venue checks them against the
 * instrument's tick and step and rejects (never throws) what does not fit. Time is an input: {@code tsNanos} is the
 * virtual clock of the caller.
 */
public sealed interface Command permits Command.PlaceOrder, Command.CancelOrder, Command.CancelAll,
        Command.AmendOrder, Command.UpdateMarkPrice {

    /** Dispatch tag: Java 17 has no pattern switch over sealed types, so switch on this instead. */
    enum Kind { PLACE, CANCEL, CANCEL_ALL, AMEND, MARK_PRICE }

    Kind kind();

    long tsNanos();

    /**
     * Place an order. {@code priceE8} is ignored (use 0) for MARKET and *_MARKET; {@code stopPriceE8} only applies to
     * triggered types; {@code timeInForce} is ignored for market types. {@code clientOrderId} 0 means none; otherwise
     * it must be unique among the account's open orders.
     */
    record PlaceOrder(long tsNanos, long accountId, long clientOrderId, Side side, OrderType type,
                      TimeInForce timeInForce, long priceE8, long qtyE8, long stopPriceE8,
                      WorkingType workingType, boolean reduceOnly, StpMode stpMode) implements Command {
        @Override
        public Kind kind() {
            return Kind.PLACE;
        }

        /** Binance USDⓈ-M's default self-trade prevention since 2024-12-10 (mandatory there; NONE is refused). */
        public static final StpMode DEFAULT_STP = StpMode.EXPIRE_MAKER;

        public static PlaceOrder limit(long tsNanos, long accountId, Side side, TimeInForce tif, long priceE8, long qtyE8) {
            return new PlaceOrder(tsNanos, accountId, 0, side, OrderType.LIMIT, tif, priceE8, qtyE8, 0,
                    WorkingType.CONTRACT_PRICE, false, DEFAULT_STP);
        }

        public static PlaceOrder market(long tsNanos, long accountId, Side side, long qtyE8) {
            return new PlaceOrder(tsNanos, accountId, 0, side, OrderType.MARKET, TimeInForce.IOC, 0, qtyE8, 0,
                    WorkingType.CONTRACT_PRICE, false, DEFAULT_STP);
        }

        public static PlaceOrder stopMarket(long tsNanos, long accountId, Side side, long stopPriceE8, long qtyE8,
                                            WorkingType workingType) {
            return new PlaceOrder(tsNanos, accountId, 0, side, OrderType.STOP_MARKET, TimeInForce.GTC, 0, qtyE8,
                    stopPriceE8, workingType, false, DEFAULT_STP);
        }

        public PlaceOrder withClientOrderId(long id) {
            return new PlaceOrder(tsNanos, accountId, id, side, type, timeInForce, priceE8, qtyE8, stopPriceE8,
                    workingType, reduceOnly, stpMode);
        }

        public PlaceOrder withStp(StpMode mode) {
            return new PlaceOrder(tsNanos, accountId, clientOrderId, side, type, timeInForce, priceE8, qtyE8,
                    stopPriceE8, workingType, reduceOnly, mode);
        }

        public PlaceOrder withReduceOnly(boolean value) {
            return new PlaceOrder(tsNanos, accountId, clientOrderId, side, type, timeInForce, priceE8, qtyE8,
                    stopPriceE8, workingType, value, stpMode);
        }
    }

    /** Cancel one order by venue order id, or, when {@code orderId} is 0, by the account's client order id. */
    record CancelOrder(long tsNanos, long accountId, long orderId, long clientOrderId) implements Command {
        @Override
        public Kind kind() {
            return Kind.CANCEL;
        }
    }

    /** Cancel every open order of an account, resting and untriggered. */
    record CancelAll(long tsNanos, long accountId) implements Command {
        @Override
        public Kind kind() {
            return Kind.CANCEL_ALL;
        }
    }

    /**
     * Amend a resting LIMIT order (Binance "modify order"): new price and new total quantity (including what has
     * already filled). A price change or a quantity increase loses time priority; a quantity decrease keeps it.
     */
    record AmendOrder(long tsNanos, long accountId, long orderId, long priceE8, long qtyE8) implements Command {
        @Override
        public Kind kind() {
            return Kind.AMEND;
        }
    }

    /** A new mark price (E8, not necessarily on the tick); MARK_PRICE-triggered orders are checked against it. */
    record UpdateMarkPrice(long tsNanos, long markPriceE8) implements Command {
        @Override
        public Kind kind() {
            return Kind.MARK_PRICE;
        }
    }
}
