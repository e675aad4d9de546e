package aftershock.engine.api;

import java.util.Objects;

/**
 * A linear (USDT-margined) perpetual contract's trading rules, in E8 fixed point, mirroring Binance's
 * exchangeInfo filters: PRICE_FILTER (tick size, min and max price), LOT_SIZE (step, min and max quantity for
 * limit orders), MARKET_LOT_SIZE (max quantity for market orders) and MIN_NOTIONAL.
 *
 * <p>Inside the book prices are integral ticks and quantities integral lots (steps). The constructor checks that
 * the largest possible price × quantity product in ticks × lots fits in 63 bits, so the book never overflows.
 */
public record Instrument(
        String symbol,
        String baseAsset,
        String quoteAsset,
        long tickSizeE8,
        long minPriceE8,
        long maxPriceE8,
        long stepSizeE8,
        long minQtyE8,
        long maxQtyE8,
        long marketMaxQtyE8,
        long minNotionalE8) {

    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(baseAsset, "baseAsset");
        Objects.requireNonNull(quoteAsset, "quoteAsset");
        require(tickSizeE8 > 0, symbol, "tickSize must be positive");
        require(stepSizeE8 > 0, symbol, "stepSize must be positive");
        require(minPriceE8 > 0 && minPriceE8 % tickSizeE8 == 0, symbol, "minPrice must be a positive multiple of tickSize");
        require(maxPriceE8 >= minPriceE8 && maxPriceE8 % tickSizeE8 == 0, symbol, "maxPrice must be a multiple of tickSize and >= minPrice");
        require(minQtyE8 > 0 && minQtyE8 % stepSizeE8 == 0, symbol, "minQty must be a positive multiple of stepSize");
        require(maxQtyE8 >= minQtyE8 && maxQtyE8 % stepSizeE8 == 0, symbol, "maxQty must be a multiple of stepSize and >= minQty");
        require(marketMaxQtyE8 >= minQtyE8 && marketMaxQtyE8 % stepSizeE8 == 0, symbol, "marketMaxQty must be a multiple of stepSize and >= minQty");
        require(minNotionalE8 >= 0, symbol, "minNotional must not be negative");
        require(Math.multiplyHigh(tickSizeE8, stepSizeE8) == 0 && (tickSizeE8 * stepSizeE8) % DecimalE8.ONE == 0, symbol,
                "tickSize × stepSize must be a whole number of 1e-8 quote units");
        long maxTicks = maxPriceE8 / tickSizeE8;
        long maxLots = Math.max(maxQtyE8, marketMaxQtyE8) / stepSizeE8;
        require(Math.multiplyHigh(maxTicks, maxLots) == 0 && maxTicks * maxLots > 0
                        && Math.multiplyHigh(maxTicks * maxLots, tickSizeE8 * stepSizeE8 / DecimalE8.ONE) == 0,
                symbol, "maxPrice × maxQty overflows 63 bits of notional");
    }

    private static void require(boolean condition, String symbol, String message) {
        if (!condition) {
            throw new IllegalArgumentException("instrument " + symbol + ": " + message);
        }
    }

    /** Builds an instrument from the decimal strings a venue publishes. */
    public static Instrument of(String symbol, String baseAsset, String quoteAsset,
                                String tickSize, String minPrice, String maxPrice,
                                String stepSize, String minQty, String maxQty, String marketMaxQty,
                                String minNotional) {
        return new Instrument(symbol, baseAsset, quoteAsset,
                DecimalE8.parse(tickSize), DecimalE8.parse(minPrice), DecimalE8.parse(maxPrice),
                DecimalE8.parse(stepSize), DecimalE8.parse(minQty), DecimalE8.parse(maxQty), DecimalE8.parse(marketMaxQty),
                DecimalE8.parse(minNotional));
    }

    public long minPriceTicks() {
        return minPriceE8 / tickSizeE8;
    }

    public long maxPriceTicks() {
        return maxPriceE8 / tickSizeE8;
    }

    public long minQtyLots() {
        return minQtyE8 / stepSizeE8;
    }

    public long maxQtyLots() {
        return maxQtyE8 / stepSizeE8;
    }

    public long marketMaxQtyLots() {
        return marketMaxQtyE8 / stepSizeE8;
    }

    /** Quote notional (E8) of one tick of price times one lot of quantity. */
    public long notionalPerTickLotE8() {
        return tickSizeE8 * stepSizeE8 / DecimalE8.ONE;
    }

    /** The minimum notional expressed as a price-ticks × quantity-lots product, rounded up. */
    public long minNotionalTickLots() {
        long unit = notionalPerTickLotE8();
        return (minNotionalE8 + unit - 1) / unit;
    }

    public long priceE8(long priceTicks) {
        return priceTicks * tickSizeE8;
    }

    public long qtyE8(long qtyLots) {
        return qtyLots * stepSizeE8;
    }

    /** Quote notional in E8 of a price in ticks times a quantity in lots; exact, checked for overflow. */
    public long notionalE8(long priceTicks, long qtyLots) {
        return Math.multiplyExact(Math.multiplyExact(priceTicks, qtyLots), notionalPerTickLotE8());
    }
}
