package aftershock.engine.api;

/** Why the remaining quantity of an accepted order expired without resting. */
public enum ExpireReason {
    /** The remainder of an IOC limit order (or a triggered limit order with IOC) after matching what it could. */
    IOC_REMAINDER,
    /** A triggered FOK (STOP/TAKE_PROFIT limit) order that could not be filled in full when it fired; nothing traded. */
    FOK_NOT_FILLED,
    /** The remainder of a market order (or a triggered *_MARKET order) that ran out of opposite liquidity. */
    NO_LIQUIDITY,
    /** A market order reached its price-protection limit (the venue's take bound from the mark). */
    PRICE_PROTECTION,
    /** Self-trade prevention expired the taker. */
    STP_TAKER,
    /** Self-trade prevention expired this resting order. */
    STP_MAKER,
    /**
     * A reduce-only order found no position left to reduce: when it fired (the excess over the position), or, resting,
     * when a fill would have increased its account's position or its position closed.
     */
    REDUCE_ONLY
}
