package aftershock.feeds.book;

/**
 * Price levels as a venue sends them in a snapshot or a diff: parallel arrays of E8 prices and absolute quantities
 * (0 = remove the level). Parsed and checked in full before any is applied, so a bad message never half-updates a
 * book.
 */
public record LevelChanges(long[] bidPricesE8, long[] bidQtysE8, long[] askPricesE8, long[] askQtysE8) {
    public LevelChanges {
        if (bidPricesE8.length != bidQtysE8.length || askPricesE8.length != askQtysE8.length) {
            throw new IllegalArgumentException("prices and quantities must pair up");
        }
    }

    public int size() {
        return bidPricesE8.length + askPricesE8.length;
    }
}
