package aftershock.feeds;

/** The side of a position: a liquidation event names the side of the position that was liquidated. */
public enum PositionSide {
    LONG,
    SHORT
}
