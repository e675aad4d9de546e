package aftershock.engine.api;

/**
 * Self-trade prevention, decided by the taker's mode when taker and maker belong to the same account
 * (Binance USDⓈ-M {@code selfTradePreventionMode}). NONE lets the self-trade happen.
 */
public enum StpMode {
    NONE,
    /** The taker's remaining quantity expires; the resting order stays. */
    EXPIRE_TAKER,
    /** The resting order expires and matching goes on against the next order. */
    EXPIRE_MAKER,
    /** Both the resting order and the taker's remaining quantity expire. */
    EXPIRE_BOTH;

    private static final StpMode[] VALUES = values();

    public static StpMode ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
