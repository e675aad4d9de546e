package aftershock.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What a figure of the report measures, and so how it is written: {@code USD.format(1.27e9)} is {@code "$1.27B"},
 * {@code COUNT.format(105405)} is {@code "105,405"}. The page's charts format their axes and tooltips with the same
 * rules. {@code NaN} is written as an em dash (no value). Callers filling a {@link Comparison} use these to write its
 * cells the way the rest of the report does.
 */
public enum Unit {
    /** An amount of US dollars (or USDT), compact: {@code $1.27B}, {@code $35.2M}, {@code $12.5K}, {@code $950}. */
    USD,
    /** A price in US dollars, grouped: {@code $105,405}, {@code $3,512.42}, {@code $0.2450}. */
    PRICE,
    /** A whole number, grouped: {@code 105,405}. */
    COUNT,
    /** A plain number, grouped, up to 2 decimals: {@code 1,234.5}. */
    NUMBER,
    /** A value already in percent: {@code 2.41} is {@code 2.41%}. */
    PERCENT,
    /** A fraction shown in percent with 4 decimals (funding rates): {@code 0.0001} is {@code 0.0100%}. */
    RATE,
    /** Basis points: {@code 12.5 bp}. */
    BPS,
    /** A duration in seconds: {@code 45 s}, {@code 12.5 min}, {@code 2.25 h}. */
    SECONDS,
    /** An instant, epoch milliseconds, written in UTC: {@code 2025-11-03 21:15 UTC}. */
    TIME;

    private static final DateTimeFormatter UTC_MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String NO_VALUE = "\u2014";

    /** The value written for a reader; {@code NaN} gives an em dash. */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return NO_VALUE;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "\u221e" : "-\u221e";
        }
        return switch (this) {
            case USD -> compactUsd(value);
            case PRICE -> (value < 0 ? "-$" : "$") + price(Math.abs(value));
            case COUNT -> grouped(value, 0, 0);
            case NUMBER -> grouped(value, 0, 2);
            case PERCENT -> fixed(value, Math.abs(value) >= 100 ? 1 : 2) + "%";
            case RATE -> fixed(value * 100, 4) + "%";
            case BPS -> fixed(value, 1) + " bp";
            case SECONDS -> duration(value);
            case TIME -> UTC_MINUTE.format(Instant.ofEpochMilli((long) value)) + " UTC";
        };
    }

    /**
     * The difference {@code simulated - fact} written for the fact-vs-simulated table: signed in this unit, with
     * the relative difference for amounts ({@code +$120M (+9.4%)}), in percentage points for {@link #PERCENT},
     * in minutes for {@link #TIME}; an em dash when either value is missing.
     */
    public String formatDifference(double fact, double simulated) {
        if (Double.isNaN(fact) || Double.isNaN(simulated)) {
            return NO_VALUE;
        }
        double d = simulated - fact;
        String sign = d > 0 ? "+" : d < 0 ? "-" : "\u00b1";
        double a = Math.abs(d);
        return switch (this) {
            case USD, PRICE, COUNT, NUMBER -> {
                String abs = sign + format(a);
                yield fact == 0 || d == 0 ? abs : abs + " (" + signed(d / Math.abs(fact) * 100, 1) + "%)";
            }
            case PERCENT -> sign + fixed(a, 2) + " pp";
            case RATE, BPS, SECONDS -> sign + format(a);
            case TIME -> sign + grouped(a / 60_000.0, 0, 0) + " min";
        };
    }

    private static String compactUsd(double value) {
        String sign = value < 0 ? "-" : "";
        double a = Math.abs(value);
        // A scale applies from where its rounded mantissa would read 1.00 (999,999 is $1.00M, not $1000K).
        if (a >= 1e12 * 0.9995) {
            return sign + "$" + scaled(a / 1e12) + "T";
        } else if (a >= 1e9 * 0.9995) {
            return sign + "$" + scaled(a / 1e9) + "B";
        } else if (a >= 1e6 * 0.9995) {
            return sign + "$" + scaled(a / 1e6) + "M";
        } else if (a >= 1e3 * 0.9995) {
            return sign + "$" + scaled(a / 1e3) + "K";
        } else if (a >= 100 || a == 0) {
            return sign + "$" + fixed(a, 0);
        }
        return sign + "$" + fixed(a, 2);
    }

    /** Three significant digits at most, for a mantissa in [1, 1000): 1.27, 35.2, 352. */
    private static String scaled(double m) {
        // Round first so that 999.7 (→ "1000") and 9.996 (→ "10.0") pick the right number of decimals.
        int decimals = m >= 99.95 ? 0 : m >= 9.995 ? 1 : 2;
        return fixed(m, decimals);
    }

    private static String price(double a) {
        if (a >= 10_000) {
            return grouped(a, 0, 0);
        } else if (a >= 1) {
            return grouped(a, 2, 2);
        }
        return fixed(a, 4);
    }

    private static String duration(double seconds) {
        double a = Math.abs(seconds);
        String sign = seconds < 0 ? "-" : "";
        if (a < 60) {
            return sign + trimmed(a, 1) + " s";
        } else if (a < 3600) {
            return sign + trimmed(a / 60, 1) + " min";
        }
        return sign + trimmed(a / 3600, 2) + " h";
    }

    private static String signed(double value, int decimals) {
        String s = fixed(value, decimals);
        return value >= 0 ? "+" + s : s;
    }

    /** Fixed decimals, half-up, '.' separator, no grouping. */
    static String fixed(double value, int decimals) {
        String s = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return isNegativeZero(s) ? s.substring(1) : s;
    }

    private static String trimmed(double value, int decimals) {
        BigDecimal b = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    private static String grouped(double value, int minDecimals, int maxDecimals) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(minDecimals);
        f.setMaximumFractionDigits(maxDecimals);
        f.setRoundingMode(RoundingMode.HALF_UP);
        String s = f.format(value);
        return isNegativeZero(s) ? s.substring(1) : s;
    }

    private static boolean isNegativeZero(String s) {
        return s.startsWith("-") && s.chars().noneMatch(c -> c >= '1' && c <= '9');
    }
}
