package aftershock.signals;

import aftershock.signals.levels.LiquidationMapConfig;
import aftershock.signals.levels.VolumeProfileConfig;
import aftershock.signals.series.Market;

/**
 * A perpetual the signals follow: its open interest and funding, its liquidation-map estimate and its volume zones.
 * Signal names and JSON keys use its symbol, so the symbols of a configuration are distinct.
 */
public record Perp(Market market, LiquidationMapConfig map, VolumeProfileConfig profile) {
    public Perp {
        if (market == null || map == null || profile == null) {
            throw new IllegalArgumentException("a perp needs a market, a map and a profile configuration");
        }
        if (!map.market().equals(market) || !profile.market().equals(market)) {
            throw new IllegalArgumentException("perp " + market + ": map and profile must follow the same market");
        }
        if (!market.symbol().matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("perp symbol must be letters, digits, '-' or '_': " + market.symbol());
        }
    }

    /** Default map and profile assumptions with one bucket size for both (E8). */
    public static Perp defaults(Market market, long bucketSizeE8) {
        return new Perp(market, LiquidationMapConfig.defaults(market, bucketSizeE8),
                VolumeProfileConfig.defaults(market, bucketSizeE8));
    }

    public String symbol() {
        return market.symbol();
    }
}
