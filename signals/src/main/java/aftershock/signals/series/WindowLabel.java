package aftershock.signals.series;

/** Short labels for window lengths, used in signal names and JSON keys: 1h, 24h, 7d, 15m, 30s, 250ms. */
public final class WindowLabel {
    private static final long DAY_MS = 86_400_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long MINUTE_MS = 60_000L;
    private static final long SECOND_MS = 1_000L;

    private WindowLabel() {
    }

    /** Days from two days up, else hours, minutes, seconds or milliseconds, whichever divides exactly. */
    public static String of(long ms) {
        if (ms <= 0) {
            throw new IllegalArgumentException("a window must be positive: " + ms);
        }
        if (ms % DAY_MS == 0 && ms >= 2 * DAY_MS) {
            return ms / DAY_MS + "d";
        }
        if (ms % HOUR_MS == 0) {
            return ms / HOUR_MS + "h";
        }
        if (ms % MINUTE_MS == 0) {
            return ms / MINUTE_MS + "m";
        }
        if (ms % SECOND_MS == 0) {
            return ms / SECOND_MS + "s";
        }
        return ms + "ms";
    }
}
