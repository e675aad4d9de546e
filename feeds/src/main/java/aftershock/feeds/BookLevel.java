package aftershock.feeds;

import aftershock.engine.api.DecimalE8;

/** One price level of a book: price and total resting quantity, both E8 and positive. */
public record BookLevel(long priceE8, long qtyE8) {
    public BookLevel {
        if (priceE8 <= 0) {
            throw new IllegalArgumentException("level price must be positive: priceE8=" + priceE8);
        }
        if (qtyE8 <= 0) {
            throw new IllegalArgumentException("level quantity must be positive: qtyE8=" + qtyE8);
        }
    }

    @Override
    public String toString() {
        return DecimalE8.format(qtyE8) + "@" + DecimalE8.format(priceE8);
    }
}
