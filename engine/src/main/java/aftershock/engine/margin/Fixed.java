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
        if (a != Long.MIN_VALUE && b != Long.MIN_VALUE && c != Long.MIN_VALUE) {
            // 128-bit magnitude product divided by a 64-bit magnitude without BigInteger (the common case: a price
            // times a quantity in E8 overflows 64 bits long before the result does).
            long ua = Math.abs(a);
            long ub = Math.abs(b);
            long uc = Math.abs(c);
            long h = Math.multiplyHigh(ua, ub);
            long l = ua * ub;
            if (Long.compareUnsigned(h, uc) < 0) {
                boolean positive = (Long.signum(a) * Long.signum(b) * Long.signum(c)) > 0;
                if (uc <= 0xFFFFFFFFL) {
                    // A divisor of at most 32 bits (E8 and every rate scale): short division in two 32-bit digits,
                    // each one unsigned 64-by-32 division; the high word is already below the divisor.
                    long t1 = (h << 32) | (l >>> 32);
                    long q1 = Long.divideUnsigned(t1, uc);
                    long r1 = t1 - q1 * uc;
                    long t0 = (r1 << 32) | (l & 0xFFFFFFFFL);
                    long q0 = Long.divideUnsigned(t0, uc);
                    long r0 = t0 - q0 * uc;
                    long q = (q1 << 32) | q0;
                    if (q >= 0) {
                        return roundMagnitude(q, r0, uc, positive, round);
                    }
                }
                long q = divideUnsigned128(h, l, uc);
                if (q >= 0) {
                    long r = l - q * uc; // the remainder, exact modulo 2^64 because it is below uc
                    return roundMagnitude(q, r, uc, positive, round);
                }
            }
        }
        return divide(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(c), round);
    }

    /** Signed result from a truncated magnitude quotient q, remainder r and divisor magnitude d. */
    private static long roundMagnitude(long q, long r, long d, boolean positive, Round round) {
        if (r == 0) {
            return positive ? q : -q;
        }
        return switch (round) {
            case FLOOR -> positive ? q : Math.negateExact(Math.addExact(q, 1));
            case CEILING -> positive ? Math.addExact(q, 1) : -q;
            case HALF_EVEN -> {
                long rest = d - r;
                boolean away = Long.compareUnsigned(r, rest) > 0 || (r == rest && (q & 1) != 0);
                long m = away ? Math.addExact(q, 1) : q;
                yield positive ? m : -m;
            }
        };
    }

    /**
     * (hi·2^64 + lo) / d for unsigned values with hi &lt; d (so the quotient fits 64 unsigned bits): long division in
     * 32-bit digits with a normalised divisor (Knuth's algorithm D as in Hacker's Delight, divlu).
     */
    static long divideUnsigned128(long hi, long lo, long d) {
        final long base = 1L << 32;
        int s = Long.numberOfLeadingZeros(d);
        long v = d << s;
        long vn1 = v >>> 32;
        long vn0 = v & 0xFFFFFFFFL;
        long un32 = (hi << s) | (s == 0 ? 0 : lo >>> (64 - s));
        long un10 = lo << s;
        long un1 = un10 >>> 32;
        long un0 = un10 & 0xFFFFFFFFL;
        long q1 = Long.divideUnsigned(un32, vn1);
        long rhat = Long.remainderUnsigned(un32, vn1);
        while (q1 >= base || Long.compareUnsigned(q1 * vn0, base * rhat + un1) > 0) {
            q1--;
            rhat += vn1;
            if (rhat >= base) {
                break;
            }
        }
        long un21 = un32 * base + un1 - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = Long.remainderUnsigned(un21, vn1);
        while (q0 >= base || Long.compareUnsigned(q0 * vn0, base * rhat + un0) > 0) {
            q0--;
            rhat += vn1;
            if (rhat >= base) {
                break;
            }
        }
        return q1 * base + q0;
    }

    /** n / d rounded as asked (d ≠ 0). */
    public static long div(long n, long d, Round round) {
        if (d == 0 || d == Long.MIN_VALUE) {
            throw new ArithmeticException("divisor " + d + " not supported");
        }
        if (n == Long.MIN_VALUE && d == -1) {
            throw new ArithmeticException("quotient 2^63 does not fit a long");
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
