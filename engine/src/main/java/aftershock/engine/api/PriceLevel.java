package aftershock.engine.api;

/** One aggregated level of an L2 snapshot (E8 units). */
public record PriceLevel(long priceE8, long qtyE8, int orderCount) {
}
