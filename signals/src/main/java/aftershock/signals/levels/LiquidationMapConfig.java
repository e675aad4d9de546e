package aftershock.signals.levels;

import aftershock.engine.api.DecimalE8;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;

import java.util.List;

/**
 * The assumptions of a liquidation-map estimate, as a data vendor makes them (models.md, "Liquidation maps").
 *
 * @param market        the perpetual whose open interest and trades are followed
 * @param bucketSizeE8  width of a price bucket (E8; e.g. US$100 for BTC)
 * @param tiers         the assumed leverage mix; weights sum to exactly 1
 * @param mmrE8         maintenance margin rate in the liquidation-price formula (E8: 0.4 % is 400_000)
 * @param sideSplit     how an open-interest increase is split between longs and shorts
 * @param longShareE8   the long share for {@link SideSplit#FIXED} and the fallback of the others (E8)
 * @param consumeCrossed whether levels crossed by the price are removed (those positions were liquidated)
 */
public record LiquidationMapConfig(Market market, long bucketSizeE8, List<LeverageTier> tiers, long mmrE8,
                                   SideSplit sideSplit, long longShareE8, boolean consumeCrossed) {
    public LiquidationMapConfig {
        if (market == null || sideSplit == null) {
            throw new IllegalArgumentException("liquidation map: market and side split are required");
        }
        if (bucketSizeE8 <= 0) {
            throw new IllegalArgumentException("liquidation map: bucketSizeE8 must be positive: " + bucketSizeE8);
        }
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("liquidation map: at least one leverage tier is needed");
        }
        long sum = 0;
        for (LeverageTier t : tiers) {
            sum = Math.addExact(sum, t.weightE8());
        }
        if (sum != FixedE8.ONE) {
            throw new IllegalArgumentException("liquidation map: tier weights must sum to 1, sum to "
                    + DecimalE8.format(sum));
        }
        if (mmrE8 < 0 || mmrE8 >= FixedE8.ONE) {
            throw new IllegalArgumentException("liquidation map: mmrE8 must be in [0, 1): " + mmrE8);
        }
        if (longShareE8 < 0 || longShareE8 > FixedE8.ONE) {
            throw new IllegalArgumentException("liquidation map: longShareE8 must be in [0, 1]: " + longShareE8);
        }
    }

    /** The mix vendors commonly assume: 5× 10 %, 10× 25 %, 25× 30 %, 50× 20 %, 100× 15 %. */
    public static List<LeverageTier> defaultTiers() {
        return List.of(new LeverageTier(5, 10_000_000L), new LeverageTier(10, 25_000_000L),
                new LeverageTier(25, 30_000_000L), new LeverageTier(50, 20_000_000L),
                new LeverageTier(100, 15_000_000L));
    }

    /** Default assumptions for a market: the tiers above, MMR 0.4 %, taker-share split (½ fallback), consume. */
    public static LiquidationMapConfig defaults(Market market, long bucketSizeE8) {
        return new LiquidationMapConfig(market, bucketSizeE8, defaultTiers(), 400_000L, SideSplit.TAKER_SHARE,
                FixedE8.ONE / 2, true);
    }
}
