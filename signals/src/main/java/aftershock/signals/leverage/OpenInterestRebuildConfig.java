package aftershock.signals.leverage;

import aftershock.signals.series.FixedE8;

/**
 * Parameters of the funding and open-interest rebuild signal (shared by every perpetual followed).
 *
 * @param flushDropPctE8           a flush is a fall of open interest (in coins) by at least this % from its rolling
 *                                 high (E8: 4 % is 400_000_000; 2025-11-03 was −4 %)
 * @param flushWindowMs            the rolling high's window
 * @param bucketMs                 the rolling high's resolution
 * @param rebuildMinElapsedMs      the rebuild speed is reported only this long after the low (a speed over seconds is
 *                                 noise)
 * @param fastRebuildPctPerDayE8   a rebuild at or above this speed (%/day, E8) is fast re-levering
 * @param fundingFlatMaxE8         a funding rate at or below this (a fraction per interval, E8: 0.0001 = 0.01 %) is
 *                                 "flat or negative"
 */
public record OpenInterestRebuildConfig(long flushDropPctE8, long flushWindowMs, long bucketMs,
                                        long rebuildMinElapsedMs, long fastRebuildPctPerDayE8,
                                        long fundingFlatMaxE8) {
    public OpenInterestRebuildConfig {
        if (flushDropPctE8 <= 0 || flushDropPctE8 >= FixedE8.HUNDRED) {
            throw new IllegalArgumentException("openInterest: flushDropPctE8 must be in (0, 100 %): "
                    + flushDropPctE8);
        }
        if (flushWindowMs <= 0 || bucketMs <= 0 || bucketMs > flushWindowMs) {
            throw new IllegalArgumentException("openInterest: need 0 < bucketMs ≤ flushWindowMs: " + bucketMs + ", "
                    + flushWindowMs);
        }
        if (rebuildMinElapsedMs <= 0) {
            throw new IllegalArgumentException("openInterest: rebuildMinElapsedMs must be positive: "
                    + rebuildMinElapsedMs);
        }
        if (fastRebuildPctPerDayE8 <= 0) {
            throw new IllegalArgumentException("openInterest: fastRebuildPctPerDayE8 must be positive: "
                    + fastRebuildPctPerDayE8);
        }
    }

    /** Flush = −4 % within 24 h (1-minute buckets); speed after 1 h; fast ≥ 3 %/day; flat funding ≤ 0.01 %. */
    public static OpenInterestRebuildConfig defaults() {
        return new OpenInterestRebuildConfig(4 * FixedE8.ONE, 86_400_000L, 60_000L, 3_600_000L, 3 * FixedE8.ONE,
                10_000L);
    }
}
