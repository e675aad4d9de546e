package aftershock.engine.api;

/**
 * The book's hot-path event output: primitive arguments, in book units (price ticks, quantity lots), so that
 * emitting an event allocates nothing. {@link EventRecorder} adapts it to immutable {@link Event} records for cold
 * consumers. Calls arrive in the exact order the events happen; an implementation must not call back into the book.
 */
public interface EventSink {

    void accepted(long tsNanos, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                  TimeInForce timeInForce, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly);

    void rejected(long tsNanos, CommandKind command, long accountId, long clientOrderId, long orderId, RejectReason reason);

    void trade(long tsNanos, long tradeId, long priceTicks, long qtyLots, Side aggressorSide,
               long takerOrderId, long takerAccountId, long makerOrderId, long makerAccountId);

    void cancelled(long tsNanos, long orderId, long accountId, long remainingQtyLots, CancelReason reason);

    void expired(long tsNanos, long orderId, long accountId, long remainingQtyLots, ExpireReason reason);

    void triggered(long tsNanos, long orderId, long accountId, long stopPriceTicks, WorkingType workingType, long triggerPriceE8);

    void amended(long tsNanos, long orderId, long accountId, long priceTicks, long qtyLots, long remainingQtyLots, boolean priorityKept);

    /** A sink that ignores everything (benchmarks, warm-up). */
    EventSink NOOP = new EventSink() {
        @Override
        public void accepted(long tsNanos, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                             TimeInForce timeInForce, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly) {
        }

        @Override
        public void rejected(long tsNanos, CommandKind command, long accountId, long clientOrderId, long orderId, RejectReason reason) {
        }

        @Override
        public void trade(long tsNanos, long tradeId, long priceTicks, long qtyLots, Side aggressorSide,
                          long takerOrderId, long takerAccountId, long makerOrderId, long makerAccountId) {
        }

        @Override
        public void cancelled(long tsNanos, long orderId, long accountId, long remainingQtyLots, CancelReason reason) {
        }

        @Override
        public void expired(long tsNanos, long orderId, long accountId, long remainingQtyLots, ExpireReason reason) {
        }

        @Override
        public void triggered(long tsNanos, long orderId, long accountId, long stopPriceTicks, WorkingType workingType, long triggerPriceE8) {
        }

        @Override
        public void amended(long tsNanos, long orderId, long accountId, long priceTicks, long qtyLots, long remainingQtyLots, boolean priorityKept) {
        }
    };
}
