package aftershock.signals.leverage;

/** What the open-interest rebuild after a flush says about leverage (the seed's fourth playbook signal). */
public enum LeverageRead {
    /** No flush seen in the data so far. */
    NO_FLUSH,
    /** A flush was seen but too recently to measure the rebuild speed. */
    MEASURING,
    /** Slow rebuild with flat or negative funding: leverage is clearing. */
    HEALTHY,
    /** Fast re-levering with positive funding while U.S. spot sells (Coinbase premium negative): another air pocket. */
    WARNING,
    /** Neither: a fast rebuild without the other two conditions, or a slow one with positive funding. */
    MIXED
}
