package aftershock.engine.api;

/** One order of an L3 snapshot, in priority order (E8 units). */
public record RestingOrder(long orderId, long accountId, Side side, long priceE8, long remainingQtyE8, long qtyE8) {
}
