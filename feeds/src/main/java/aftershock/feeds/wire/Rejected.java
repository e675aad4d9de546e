package aftershock.feeds.wire;

/**
 * Thrown inside a parser when a message (or one element of it) cannot be used; caught by {@link JsonFeedParser}, which
 * counts the reason in the feed's health. Never escapes a parser. Stackless: it is an expected outcome at the edge,
 * not a bug, and bad input can come in floods.
 */
public final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public Rejected(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    /** From the fixed vocabulary: {@code missing-field:p}, {@code bad-decimal:q}, {@code unknown-event}, ... */
    public String reason() {
        return reason;
    }
}
