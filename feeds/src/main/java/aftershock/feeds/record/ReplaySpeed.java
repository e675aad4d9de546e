package aftershock.feeds.record;

import aftershock.engine.api.DecimalE8;

import java.math.BigInteger;

/**
 * How fast a recording is replayed: as fast as possible, or paced at a multiple of real time ({@code --speed 2}
 * replays an hour in 30 minutes). The multiple is an exact decimal (E8), not a floating-point number.
 */
public final class ReplaySpeed {
    private static final BigInteger NANOS_PER_MS_E8 = BigInteger.valueOf(1_000_000L * DecimalE8.ONE);

    private final long multipleE8;

    private ReplaySpeed(long multipleE8) {
        this.multipleE8 = multipleE8;
    }

    public static ReplaySpeed asFastAsPossible() {
        return new ReplaySpeed(0);
    }

    /**
     * Parses {@code --speed N}: a positive decimal such as {@code 1}, {@code 10} or {@code 0.5}.
     *
     * @throws IllegalArgumentException naming the text if it is not a positive decimal
     */
    public static ReplaySpeed parse(String text) {
        long e8;
        try {
            e8 = DecimalE8.parse(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed must be a positive number, was '" + text + "'");
        }
        if (e8 <= 0) {
            throw new IllegalArgumentException("--speed must be a positive number, was '" + text + "'");
        }
        return new ReplaySpeed(e8);
    }

    public boolean paced() {
        return multipleE8 > 0;
    }

    /** Wall time, in nanoseconds, that {@code recordedMs} of recording take at this speed (rounded down). */
    long replayNanos(long recordedMs) {
        if (recordedMs <= 0) {
            return 0;
        }
        BigInteger nanos = BigInteger.valueOf(recordedMs).multiply(NANOS_PER_MS_E8)
                .divide(BigInteger.valueOf(multipleE8));
        return nanos.bitLength() < 63 ? nanos.longValue() : Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return paced() ? DecimalE8.format(multipleE8) + "x" : "as fast as possible";
    }
}
