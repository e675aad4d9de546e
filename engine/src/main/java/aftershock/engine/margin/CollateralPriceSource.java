package aftershock.engine.margin;

/** Where a candidate collateral price comes from; the asset's {@link CollateralPricing} decides which count. */
public enum CollateralPriceSource {
    /** The venue's own spot order book for the asset. */
    SPOT_BOOK,
    /** An external price oracle. */
    ORACLE,
    /** The issuer's redemption (conversion) value. */
    REDEMPTION
}
