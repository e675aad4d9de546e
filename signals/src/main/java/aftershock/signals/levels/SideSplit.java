package aftershock.signals.levels;

/** How an open-interest increase is attributed to new leveraged longs and shorts. */
public enum SideSplit {
    /** A fixed long share ({@code longShareE8}). */
    FIXED,
    /** The taker-buy share of the volume traded since the previous open-interest update (fixed share if none). */
    TAKER_SHARE,
    /** All to the side of the net taker flow since the previous update (fixed share if it is zero). */
    TAKER_SIGN
}
