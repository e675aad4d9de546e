package aftershock.engine.api;

/** The price a triggered order watches: the last traded price (Binance CONTRACT_PRICE) or the mark price. */
public enum WorkingType {
    CONTRACT_PRICE,
    MARK_PRICE
}
