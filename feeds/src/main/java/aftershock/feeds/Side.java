package aftershock.feeds;

/** The aggressor (taker) side of a trade: BUY lifted the offer, SELL hit the bid. */
public enum Side {
    BUY,
    SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
