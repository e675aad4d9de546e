package aftershock.engine.api;

/** Why an order left the book by cancellation. */
public enum CancelReason {
    USER,
    CANCEL_ALL
}
