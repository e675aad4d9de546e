package aftershock.signals.series;

/** Which price of a market a signal follows. */
public enum PriceKind {
    /** The venue's mark price ({@code MARK_FUNDING}). */
    MARK,
    /** The last trade price ({@code TRADE}). */
    TRADE,
    /** The middle of the best bid and ask ({@code BOOK_TOP} or the top of {@code BOOK_DEPTH}), rounded down. */
    MID
}
