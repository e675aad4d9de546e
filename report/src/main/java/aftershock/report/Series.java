package aftershock.report;

import java.util.Objects;

/** Checks and copies of the model's arrays, with messages that name the series (package-private). */
final class Series {
    private Series() {
    }

    /** A copy of {@code values}; {@code NaN} (no value) is allowed, infinities are not. */
    static double[] copy(double[] values, String what) {
        Objects.requireNonNull(values, what);
        for (int i = 0; i < values.length; i++) {
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is infinite; use NaN for a missing value");
            }
        }
        return values.clone();
    }

    /** A copy of {@code times}, which must be strictly increasing. */
    static long[] increasing(long[] times, String what) {
        Objects.requireNonNull(times, what);
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException(what + " must be strictly increasing: [" + (i - 1) + "]="
                        + times[i - 1] + " then [" + i + "]=" + times[i]);
            }
        }
        return times.clone();
    }

    /** A series is either on the clock (one value per time) or absent (empty: not recorded in this run). */
    static void requireOnClock(double[] values, int clockLength, String what) {
        if (values.length != 0 && values.length != clockLength) {
            throw new IllegalArgumentException(what + " has " + values.length + " values but the clock has "
                    + clockLength + " times (give one value per time, NaN where unknown, or none if not recorded)");
        }
    }

    static String requireText(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return text;
    }
}
