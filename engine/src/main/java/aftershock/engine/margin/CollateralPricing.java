package aftershock.engine.margin;

/**
 * How the venue prices a collateral asset from the candidate prices it is given
 * ({@link CollateralPriceSource}). On 2025-10-10 one large venue valued wrapped collateral (USDe, wBETH, BNSOL) at
 * its own thin spot books, which printed depegged prices and liquidated accounts whose collateral held its value
 * elsewhere; it then moved to redemption-based prices. These policies let a scenario compare the three.
 */
public enum CollateralPricing {
    /** The venue's own spot-book price. */
    SPOT_BOOK,
    /** An external oracle's price. */
    ORACLE,
    /**
     * w × redemption + (1 − w) × spot book, never below the asset's floor price (w = the asset's redemption weight);
     * with only one of the two candidates known, that one.
     */
    REDEMPTION
}
