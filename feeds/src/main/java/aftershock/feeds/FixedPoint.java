package aftershock.feeds;

/** Exact arithmetic on E8 fixed-point values for the few products the feeds need (notionals). */
public final class FixedPoint {
    private static final long ONE_E8 = 100_000_000L;

    private FixedPoint() {
    }

    /**
     * {@code a × b / 1e8} for non-negative E8 values, rounded down, computed in 128 bits.
     *
     * @throws ArithmeticException if an operand is negative or the result does not fit in a long
     */
    public static long multiplyE8(long aE8, long bE8) {
        if (aE8 < 0 || bE8 < 0) {
            throw new ArithmeticException("multiplyE8 takes non-negative operands: " + aE8 + " × " + bE8);
        }
        long high = Math.multiplyHigh(aE8, bE8);
        long low = aE8 * bE8;
        if (high == 0 && low >= 0) {
            return low / ONE_E8;
        }
        // 128-bit by 64-bit division, high < 1e8 is required for the quotient to fit in 63 bits.
        if (Long.compareUnsigned(high, ONE_E8) >= 0) {
            throw new ArithmeticException("product does not fit in 64 bits at E8: " + aE8 + " × " + bE8);
        }
        long quotient = 0;
        long remainder = high;
        for (int bit = 63; bit >= 0; bit--) {
            remainder = (remainder << 1) | ((low >>> bit) & 1);
            quotient <<= 1;
            if (Long.compareUnsigned(remainder, ONE_E8) >= 0) {
                remainder -= ONE_E8;
                quotient |= 1;
            }
        }
        if (quotient < 0) {
            throw new ArithmeticException("product does not fit in 64 bits at E8: " + aE8 + " × " + bE8);
        }
        return quotient;
    }
}
