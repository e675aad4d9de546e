package aftershock.report;

import java.util.Arrays;

/**
 * One series being recorded minute by minute by a builder (package-private). Minutes never set take the series'
 * fill ({@code NaN} for levels such as prices, 0 for flows such as volume); a series never set at all is not
 * recorded and builds to an empty array.
 */
final class RecordedSeries {
    private final double fill;
    private double[] values = new double[256];
    private int length;
    private boolean touched;

    RecordedSeries(double fill) {
        this.fill = fill;
    }

    static RecordedSeries level() {
        return new RecordedSeries(Double.NaN);
    }

    static RecordedSeries flow() {
        return new RecordedSeries(0);
    }

    void set(int index, double value) {
        extendTo(index + 1);
        values[index] = value;
        touched = true;
    }

    /** Adds to the minute's value (a missing value counts as 0). */
    void add(int index, double value) {
        extendTo(index + 1);
        values[index] = Double.isNaN(values[index]) ? value : values[index] + value;
        touched = true;
    }

    double get(int index) {
        return index < length ? values[index] : fill;
    }

    double[] build(int clockLength) {
        if (!touched) {
            return new double[0];
        }
        extendTo(clockLength);
        return Arrays.copyOf(values, clockLength);
    }

    private void extendTo(int newLength) {
        if (newLength > values.length) {
            values = Arrays.copyOf(values, Math.max(newLength, values.length * 2));
        }
        while (length < newLength) {
            values[length++] = fill;
        }
    }
}
