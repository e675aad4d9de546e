package aftershock.engine.api;

/**
 * Fixed-point decimals with 8 fractional digits, stored in a {@code long} ("E8"): 1.5 is 150_000_000.
 * Prices, quantities and notionals cross the engine's API in this scale. Parsing and formatting are exact integer
 * operations on the text (never through floating point).
 */
public final class DecimalE8 {
    public static final long ONE = 100_000_000L;
    public static final int SCALE = 8;

    private DecimalE8() {
    }

    /**
     * Parses a plain decimal ({@code -12.5}, {@code 108000.10}, {@code .5}); surrounding blanks are ignored.
     *
     * @throws NumberFormatException naming the text if it is not a plain decimal number, has more than 8 significant
     *                               decimal places, or does not fit in a long at scale 1e-8
     */
    public static long parse(String text) {
        if (text == null) {
            throw new NumberFormatException("null is not a decimal number");
        }
        String t = text.strip();
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        long whole = 0;
        long fraction = 0;
        int intDigits = 0;
        int fracDigits = 0;
        boolean point = false;
        try {
            for (; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '.' && !point) {
                    point = true;
                } else if (c >= '0' && c <= '9') {
                    if (!point) {
                        whole = Math.addExact(Math.multiplyExact(whole, 10), c - '0');
                        intDigits++;
                    } else if (fracDigits < SCALE) {
                        fraction = fraction * 10 + (c - '0');
                        fracDigits++;
                    } else if (c != '0') {
                        throw new NumberFormatException("'" + text + "' has more than " + SCALE + " decimal places");
                    }
                } else {
                    throw new NumberFormatException("'" + text + "' is not a decimal number");
                }
            }
            if (intDigits == 0 && fracDigits == 0) {
                throw new NumberFormatException("'" + text + "' is not a decimal number");
            }
            for (int k = fracDigits; k < SCALE; k++) {
                fraction *= 10;
            }
            long value = Math.addExact(Math.multiplyExact(whole, ONE), fraction);
            return negative ? -value : value;
        } catch (ArithmeticException e) {
            throw new NumberFormatException("'" + text + "' is too large for a 64-bit E8 fixed-point value");
        }
    }

    /** Formats an E8 value as a plain decimal without trailing zeros: 150_000_000 → "1.5", 0 → "0". */
    public static String format(long valueE8) {
        String digits = fixed(valueE8);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        if (digits.charAt(end - 1) == '.') {
            end--;
        }
        return digits.substring(0, end);
    }

    /**
     * Formats with exactly {@code decimals} places (0..8).
     *
     * @throws ArithmeticException if the value has non-zero digits beyond that many places (no silent rounding)
     */
    public static String format(long valueE8, int decimals) {
        if (decimals < 0 || decimals > SCALE) {
            throw new IllegalArgumentException("decimals must be in 0..8, was " + decimals);
        }
        String digits = fixed(valueE8);
        int cut = digits.length() - (SCALE - decimals);
        for (int k = cut; k < digits.length(); k++) {
            if (digits.charAt(k) != '0') {
                throw new ArithmeticException(format(valueE8) + " does not fit in " + decimals + " decimal places");
            }
        }
        return decimals == 0 ? digits.substring(0, cut - 1) : digits.substring(0, cut);
    }

    /** Sign, whole part, point and all 8 fractional digits. */
    private static String fixed(long valueE8) {
        // Work with the negative magnitude so that Long.MIN_VALUE formats too.
        long neg = valueE8 > 0 ? -valueE8 : valueE8;
        long whole = -(neg / ONE);
        long fraction = -(neg % ONE);
        StringBuilder sb = new StringBuilder(24);
        if (valueE8 < 0) {
            sb.append('-');
        }
        sb.append(whole).append('.');
        String f = Long.toString(fraction);
        for (int k = f.length(); k < SCALE; k++) {
            sb.append('0');
        }
        return sb.append(f).toString();
    }
}
