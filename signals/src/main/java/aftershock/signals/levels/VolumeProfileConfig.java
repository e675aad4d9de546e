package aftershock.signals.levels;

import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;

/**
 * Parameters of the volume-at-price profile and its zones.
 *
 * @param market         whose trades are counted
 * @param bucketSizeE8   width of a price bucket (E8)
 * @param windowMs       trailing window of the profile (a whole number of slices)
 * @param sliceMs        the window's resolution: volume leaves the window one slice at a time
 * @param zoneMultipleE8 a bucket belongs to a zone when its volume is at least this multiple of the mean volume of
 *                       the traded buckets (E8: 1.5 is 150_000_000)
 */
public record VolumeProfileConfig(Market market, long bucketSizeE8, long windowMs, long sliceMs,
                                  long zoneMultipleE8) {
    public VolumeProfileConfig {
        if (market == null) {
            throw new IllegalArgumentException("volume profile: market is required");
        }
        if (bucketSizeE8 <= 0) {
            throw new IllegalArgumentException("volume profile: bucketSizeE8 must be positive: " + bucketSizeE8);
        }
        if (sliceMs <= 0 || windowMs <= 0 || windowMs % sliceMs != 0 || windowMs / sliceMs > 100_000) {
            throw new IllegalArgumentException("volume profile: windowMs must be a positive multiple of sliceMs "
                    + "(at most 100,000 slices): " + windowMs + ", " + sliceMs);
        }
        if (zoneMultipleE8 <= 0) {
            throw new IllegalArgumentException("volume profile: zoneMultipleE8 must be positive: " + zoneMultipleE8);
        }
    }

    /** 24-hour profile in 1-hour slices; zones at 1.5 × the mean bucket volume. */
    public static VolumeProfileConfig defaults(Market market, long bucketSizeE8) {
        return new VolumeProfileConfig(market, bucketSizeE8, 86_400_000L, 3_600_000L, 3 * FixedE8.ONE / 2);
    }
}
