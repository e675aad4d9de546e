package aftershock.engine.margin;

import java.math.BigInteger;

/**
 * Exact fixed-point arithmetic helpers: a × b / c with a 128-bit intermediate and an explicit rounding direction.
 * Money in the margin engine is E8 (1e-8 of the quote asset); rates are E8 too (0.0004 = 40,000).
 */
public final class Fixed {
    public static final long E8 = 100_000_000L;

    /** Rounding directions; the venue rounds in its own favour (charges up, credits down). */
    public enum Round { FLOOR, CEILING, HALF_EVEN }

    private Fixed() {
    }

    /** a × b / c rounded as asked; exact for every input whose result fits in a long (else ArithmeticException). */
    public static long mulDiv(long a, long b, long c, Round round) {
        if (c == 0) {
            throw new ArithmeticException("division by zero in mulDiv");
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return div(lo, c, round);
        }
        return divide(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(c), round);
    }

    /** n / d rounded as asked (d ≠ 0). */
    public static long div(long n, long d, Round round) {
        if (d == 0 || d == Long.MIN_VALUE) {
            throw new ArithmeticException("divisor " + d + " not supported");
        }
        long q = n / d;
        long r = n % d;
        if (r == 0) {
            return q;
        }
        boolean positive = (n ^ d) >= 0;
        return switch (round) {
            case FLOOR -> positive ? q : q - 1;
            case CEILING -> positive ? q + 1 : q;
            case HALF_EVEN -> {
                long absR = Math.abs(r);
                long rest = Math.abs(d) - absR; // > 0; d is never Long.MIN_VALUE (checked above)
                boolean away = absR > rest || (absR == rest && (q & 1) != 0);
                yield away ? (positive ? q + 1 : q - 1) : q;
            }
        };
    }

    /** a × b × c / d rounded as asked, exact (a 192-bit intermediate through BigInteger). */
    public static long mulMulDiv(long a, long b, long c, long d, Round round) {
        return divide(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).multiply(BigInteger.valueOf(c)),
                BigInteger.valueOf(d), round);
    }

    /** n / d rounded as asked, as a long (ArithmeticException if it does not fit). */
    private static long divide(BigInteger n, BigInteger d, Round round) {
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        if (qr[1].signum() != 0) {
            boolean positive = n.signum() == d.signum();
            q = switch (round) {
                case FLOOR -> positive ? q : q.subtract(BigInteger.ONE);
                case CEILING -> positive ? q.add(BigInteger.ONE) : q;
                case HALF_EVEN -> {
                    int cmp = qr[1].abs().shiftLeft(1).compareTo(d.abs());
                    boolean away = cmp > 0 || (cmp == 0 && q.testBit(0));
                    yield away ? (positive ? q.add(BigInteger.ONE) : q.subtract(BigInteger.ONE)) : q;
                }
            };
        }
        return q.longValueExact();
    }

    /** amount × rateE8 / 1e8 rounded as asked. */
    public static long applyRate(long amountE8, long rateE8, Round round) {
        return mulDiv(amountE8, rateE8, E8, round);
    }
}
