package aftershock.engine.api;

/** Order side. The ordinal is used as an array index inside the book (BUY = 0, SELL = 1). */
public enum Side {
    BUY,
    SELL;

    private static final Side[] VALUES = values();

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for BUY, -1 for SELL: the sign of the position change a fill causes. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    public static Side ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
