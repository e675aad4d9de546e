package aftershock.engine.api;

/** Time in force of a limit order, as on Binance USDⓈ-M: GTX is post-only ("good till crossing"). */
public enum TimeInForce {
    GTC,
    IOC,
    FOK,
    GTX;

    private static final TimeInForce[] VALUES = values();

    public static TimeInForce ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
