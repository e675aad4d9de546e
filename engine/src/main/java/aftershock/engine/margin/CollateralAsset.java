package aftershock.engine.margin;

import java.util.Objects;

/**
 * A non-USDT collateral asset (Binance Multi-Assets mode, Bybit Unified account): counted in cross margin at
 * units × price × (1 − haircut), the price chosen from the candidates by {@code pricing}. USDT itself is the wallet
 * (haircut 0, price 1) and is not listed. Haircuts change by command (a venue's risk engine cutting an asset's
 * collateral value after an exploit).
 *
 * @param redemptionWeightE8 weight of the redemption price under {@link CollateralPricing#REDEMPTION} (1e8 = 100%)
 * @param floorPriceE8       the lowest price {@link CollateralPricing#REDEMPTION} will use (0: none)
 */
public record CollateralAsset(String name, long haircutE8, CollateralPricing pricing, long redemptionWeightE8,
                              long floorPriceE8) {
    public CollateralAsset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pricing, "pricing");
        if (name.isBlank() || name.equals("USDT")) {
            throw new IllegalArgumentException("a collateral asset needs a name other than USDT (the wallet itself)");
        }
        if (haircutE8 < 0 || haircutE8 > Fixed.E8) {
            throw new IllegalArgumentException(name + ": haircut must be from 0 to 1, was " + haircutE8);
        }
        if (redemptionWeightE8 < 0 || redemptionWeightE8 > Fixed.E8) {
            throw new IllegalArgumentException(name + ": redemption weight must be from 0 to 1, was " + redemptionWeightE8);
        }
        if (floorPriceE8 < 0) {
            throw new IllegalArgumentException(name + ": floor price must not be negative");
        }
    }

    /** An asset priced by one source, with a haircut. */
    public static CollateralAsset of(String name, long haircutE8, CollateralPricing pricing) {
        return new CollateralAsset(name, haircutE8, pricing, Fixed.E8, 0);
    }

    /**
     * Illustrative assets for scenarios (not a venue's published table; venues publish their own, tiered by amount):
     * BTC and ETH at a 5% haircut on an oracle, a yield-bearing stablecoin (USDE) at 10% priced by redemption with a
     * 0.90 floor, and an LP token at 30% on an oracle.
     */
    public static final CollateralAsset BTC = of("BTC", 5_000_000L, CollateralPricing.ORACLE);
    public static final CollateralAsset ETH = of("ETH", 5_000_000L, CollateralPricing.ORACLE);
    public static final CollateralAsset USDE = new CollateralAsset("USDE", 10_000_000L, CollateralPricing.REDEMPTION,
            Fixed.E8, 90_000_000L);
    public static final CollateralAsset LP = of("LP", 30_000_000L, CollateralPricing.ORACLE);
}
