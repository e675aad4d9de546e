package aftershock.engine.api;

/**
 * Capacities of one order book. Storage starts at the initial sizes and grows by doubling up to {@code maxOrders};
 * an order that would need more is rejected with {@link RejectReason#ORDER_CAPACITY_EXCEEDED} (a limit is an event,
 * not a crash). Pre-size to the expected peak to keep the steady state free of allocation.
 */
public record BookConfig(int maxOrders, int initialOrderCapacity, int initialLevelCapacity) {
    public BookConfig {
        if (maxOrders < 1) {
            throw new IllegalArgumentException("maxOrders must be at least 1, was " + maxOrders);
        }
        if (initialOrderCapacity < 1 || initialOrderCapacity > maxOrders) {
            throw new IllegalArgumentException("initialOrderCapacity must be in [1, maxOrders], was " + initialOrderCapacity);
        }
        if (initialLevelCapacity < 1) {
            throw new IllegalArgumentException("initialLevelCapacity must be at least 1, was " + initialLevelCapacity);
        }
    }

    /** 4M orders at most, storage for 64K orders and 4K price levels to start with. */
    public static BookConfig defaults() {
        return new BookConfig(4_194_304, 65_536, 4_096);
    }

    public static BookConfig sized(int expectedOrders) {
        int initial = Math.max(16, expectedOrders);
        return new BookConfig(Math.max(initial, 4_194_304), initial, Math.max(64, Math.min(initial, 1 << 20)));
    }
}
