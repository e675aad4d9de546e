package aftershock.signals.liquidation;

import java.util.List;
import java.util.Set;

/**
 * Parameters of the liquidation totals.
 *
 * @param windowsMs the trailing windows (default 1 h and 24 h)
 * @param bucketMs  the windows' resolution: a bucket {@code [k·bucketMs, (k+1)·bucketMs)} counts while it ends after
 *                  {@code now − window} (default 1 s, the venues' sampling period)
 * @param symbols   symbols counted (as the venues spell them); empty counts all
 */
public record LiquidationsConfig(List<Long> windowsMs, long bucketMs, Set<String> symbols) {
    public LiquidationsConfig {
        windowsMs = List.copyOf(windowsMs);
        symbols = Set.copyOf(symbols);
        if (windowsMs.isEmpty()) {
            throw new IllegalArgumentException("liquidations: at least one window is needed");
        }
        if (bucketMs <= 0) {
            throw new IllegalArgumentException("liquidations: bucketMs must be positive: " + bucketMs);
        }
        for (long w : windowsMs) {
            if (w <= 0 || w % bucketMs != 0 || w / bucketMs > 10_000_000) {
                throw new IllegalArgumentException("liquidations: a window must be a positive multiple of bucketMs "
                        + "(at most 10,000,000 buckets): " + w);
            }
        }
    }

    public static LiquidationsConfig defaults() {
        return new LiquidationsConfig(List.of(3_600_000L, 86_400_000L), 1_000L, Set.of());
    }
}
