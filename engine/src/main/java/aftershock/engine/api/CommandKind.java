package aftershock.engine.api;

/** What a rejected command was trying to do. */
public enum CommandKind {
    PLACE,
    CANCEL,
    CANCEL_ALL,
    AMEND,
    MARK_PRICE
}
