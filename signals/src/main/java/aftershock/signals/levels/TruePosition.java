package aftershock.signals.levels;

import aftershock.feeds.PositionSide;

/**
 * A real position, as a simulator knows it: side, entry price, size in coins and leverage. A set of them builds the
 * TRUE liquidation map ({@link LiquidationMapEstimator#trueMap}) that an estimate is measured against.
 */
public record TruePosition(PositionSide side, long entryPriceE8, long qtyE8, int leverage) {
    public TruePosition {
        if (side == null) {
            throw new IllegalArgumentException("a position needs a side");
        }
        if (entryPriceE8 <= 0 || qtyE8 <= 0) {
            throw new IllegalArgumentException("entry price and quantity must be positive: " + entryPriceE8 + ", "
                    + qtyE8);
        }
        if (leverage < 1 || leverage > 1_000) {
            throw new IllegalArgumentException("leverage must be in 1..1000: " + leverage);
        }
    }
}
