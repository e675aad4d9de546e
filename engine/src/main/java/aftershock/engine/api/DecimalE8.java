package aftershock.engine.api;

import java.math.BigDecimal;

/**
 * Fixed-point decimals with 8 fractional digits, stored in a {@code long} ("E8"): 1.5 is 150_000_000.
 * Prices, quantities and notionals cross the engine's API in this scale; parsing is exact (never via double).
 */
public final class DecimalE8 {
    public static final long ONE = 100_000_000L;
    public static final int SCALE = 8;

    private DecimalE8() {
    }

    /**
     * Parses a plain decimal string exactly.
     *
     * @throws NumberFormatException naming the text if it is not a number, has more than 8 decimals or overflows
     */
    public static long parse(String text) {
        if (text == null) {
            throw new NumberFormatException("null is not a decimal number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + text + "' is not a decimal number");
        }
        if (value.stripTrailingZeros().scale() > SCALE) {
            throw new NumberFormatException("'" + text + "' has more than " + SCALE + " decimal places");
        }
        try {
            return value.movePointRight(SCALE).longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("'" + text + "' is too large for a 64-bit E8 fixed-point value");
        }
    }

    /** Formats an E8 value as a plain decimal string without trailing zeros (at least one digit after the point is not forced). */
    public static String format(long valueE8) {
        return BigDecimal.valueOf(valueE8, SCALE).stripTrailingZeros().toPlainString();
    }

    /** Formats with a fixed number of decimals (truncating toward zero is never done: the value must fit exactly). */
    public static String format(long valueE8, int decimals) {
        return BigDecimal.valueOf(valueE8, SCALE).setScale(decimals, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
