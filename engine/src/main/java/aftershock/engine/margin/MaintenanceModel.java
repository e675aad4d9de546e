package aftershock.engine.margin;

/** How a position's maintenance margin is computed from its symbol's bracket table. */
public enum MaintenanceModel {
    /** Binance: notional × MMR − maintenance amount (cum) of the bracket the notional falls in. */
    BRACKET,
    /**
     * Bybit's risk limits (the classic tiered model): notional × MMR of the position's risk-limit tier, with no
     * deduction. The tier rises with the position (to the bracket of its entry value when it grows) and does not
     * fall when the position shrinks or the price moves; only the liquidation process lowers it (its first step),
     * and a flat position starts again at tier 1. A notional beyond the tier's cap uses the bracket it falls in.
     */
    RISK_LIMIT
}
