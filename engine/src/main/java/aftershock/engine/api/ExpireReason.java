package aftershock.engine.api;

/** Why the remaining quantity of an accepted order expired without resting. */
public enum ExpireReason {
    /** IOC (or a triggered market order's) remainder after matching what it could. */
    IOC_REMAINDER,
    /** A triggered FOK (STOP/TAKE_PROFIT limit) order that could not be filled in full when it fired; nothing traded. */
    FOK_NOT_FILLED,
    /** Market order that ran out of opposite liquidity. */
    NO_LIQUIDITY,
    /** Self-trade prevention expired the taker. */
    STP_TAKER,
    /** Self-trade prevention expired this resting order. */
    STP_MAKER,
    /** A triggered reduce-only order found no position left to reduce. */
    REDUCE_ONLY
}
