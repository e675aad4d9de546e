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
    HYPERLIQUID,
    /**
     * Bybit's risk-limit tier descent (maintenance margin by the position's risk-limit tier,
     * {@link aftershock.engine.margin.MaintenanceModel#RISK_LIMIT}): (a) lower the tier if that alone avoids
     * liquidation; (b) cancel the account's orders and re-check; (c) a fill-or-kill order at the bankruptcy price for
     * the difference between the position value and the lower tier's limit, then the lower tier (repeated while
     * tiers remain and the account is still liquidatable); (d) else takeover at the bankruptcy price (backstop vault
     * if configured, else the insurance fund if it can bear the loss to the mark, else ADL). No separate
     * liquidation fee: what lies between the liquidation and bankruptcy prices goes to the fund by the takeover.
     */
    BYBIT
}
