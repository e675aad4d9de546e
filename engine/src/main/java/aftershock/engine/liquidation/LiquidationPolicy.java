package aftershock.engine.liquidation;

/** How a venue closes a position whose margin ratio reached 100%. */
public enum LiquidationPolicy {
    /**
     * Binance: cancel the account's orders, one IOC for the whole position at the bankruptcy price, a liquidation fee
     * to the insurance fund, the rest taken over by the fund or auto-deleveraged.
     */
    BINANCE,
    /**
     * Hyperliquid: market orders for the position into the book, 20% at a time with a 30-second cooldown for
     * positions above 100,000 USDT of notional; when equity falls below ⅔ of maintenance margin the backstop vault
     * takes the position over at the mark and keeps what margin is left. No separate liquidation fee.
     */
    HYPERLIQUID
}
