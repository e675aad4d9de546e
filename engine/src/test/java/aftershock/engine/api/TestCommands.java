package aftershock.engine.api;

/**
 * Venue commands for tests, written with decimal strings ("108000.0", "0.25") so that a test reads like the order
 * ticket it sends. All carry the timestamp {@link #TS} and the venue's default self-trade prevention
 * ({@link Command.PlaceOrder#DEFAULT_STP}); tests about timestamps or STP build their commands directly.
 */
final class TestCommands {
    static final long TS = 1_000_000L;

    private TestCommands() {
    }

    static long e8(String decimal) {
        return DecimalE8.parse(decimal);
    }

    static Command.PlaceOrder limit(long account, Side side, TimeInForce tif, String price, String qty) {
        return Command.PlaceOrder.limit(TS, account, side, tif, e8(price), e8(qty));
    }

    static Command.PlaceOrder gtc(long account, Side side, String price, String qty) {
        return limit(account, side, TimeInForce.GTC, price, qty);
    }

    static Command.PlaceOrder market(long account, Side side, String qty) {
        return Command.PlaceOrder.market(TS, account, side, e8(qty));
    }

    static Command.PlaceOrder stopMarket(long account, Side side, String stop, String qty, WorkingType on) {
        return Command.PlaceOrder.stopMarket(TS, account, side, e8(stop), e8(qty), on);
    }

    static Command.PlaceOrder takeProfitMarket(long account, Side side, String stop, String qty, WorkingType on) {
        return new Command.PlaceOrder(TS, account, 0, side, OrderType.TAKE_PROFIT_MARKET, TimeInForce.GTC, 0, e8(qty),
                e8(stop), on, false, Command.PlaceOrder.DEFAULT_STP);
    }

    /** A STOP (limit) order on the last price: once triggered it works as a GTC limit order at {@code price}. */
    static Command.PlaceOrder stopLimit(long account, Side side, String stop, String price, String qty) {
        return new Command.PlaceOrder(TS, account, 0, side, OrderType.STOP, TimeInForce.GTC, e8(price), e8(qty),
                e8(stop), WorkingType.CONTRACT_PRICE, false, Command.PlaceOrder.DEFAULT_STP);
    }

    static Command.CancelOrder cancel(long account, long orderId) {
        return new Command.CancelOrder(TS, account, orderId, 0);
    }

    static Command.CancelOrder cancelByClientId(long account, long clientOrderId) {
        return new Command.CancelOrder(TS, account, 0, clientOrderId);
    }

    static Command.CancelAll cancelAll(long account) {
        return new Command.CancelAll(TS, account);
    }

    static Command.AmendOrder amend(long account, long orderId, String price, String qty) {
        return new Command.AmendOrder(TS, account, orderId, e8(price), e8(qty));
    }

    static Command.UpdateMarkPrice markPrice(String price) {
        return new Command.UpdateMarkPrice(TS, e8(price));
    }
}
