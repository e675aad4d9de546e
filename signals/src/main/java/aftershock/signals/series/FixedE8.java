package aftershock.signals.series;

import java.math.BigInteger;

/**
 * Exact arithmetic on E8 fixed-point longs for the signals: multiply-divide in 128 bits with an explicit rounding, and
 * the percent and ratio forms every signal uses. Results that do not fit in a long throw {@link ArithmeticException}
 * (overflow is a bug, not a rounding).
 */
public final class FixedE8 {
    /** 1.0 at scale 1e-8. */
    public static final long ONE = 100_000_000L;
    /** 100 % at scale 1e-8. */
    public static final long HUNDRED = 100L * ONE;

    /** How a quotient is rounded. */
    public enum Round {
        /** Toward negative infinity. */
        FLOOR,
        /** To the nearest; halves away from zero. */
        HALF_UP
    }

    private FixedE8() {
    }

    /** {@code a × b / c}, rounded as asked, the product kept in 128 bits. */
    public static long mulDiv(long a, long b, long c, Round round) {
        if (c == 0) {
            throw new ArithmeticException("mulDiv by zero: " + a + " × " + b + " / 0");
        }
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return div(low, c, round);
        }
        BigInteger n = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        BigInteger d = BigInteger.valueOf(c);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        BigInteger r = qr[1];
        if (r.signum() != 0) {
            boolean negative = n.signum() * d.signum() < 0;
            if (round == Round.FLOOR) {
                if (negative) {
                    q = q.subtract(BigInteger.ONE);
                }
            } else if (r.abs().shiftLeft(1).compareTo(d.abs()) >= 0) {
                q = negative ? q.subtract(BigInteger.ONE) : q.add(BigInteger.ONE);
            }
        }
        return q.longValueExact();
    }

    /** {@code n / d}, rounded as asked. */
    public static long div(long n, long d, Round round) {
        if (d == 0) {
            throw new ArithmeticException("division by zero: " + n + " / 0");
        }
        if (round == Round.FLOOR) {
            return Math.floorDiv(n, d);
        }
        long q = n / d;
        long r = n % d;
        if (r != 0 && Math.abs(r) >= Math.abs(d) - Math.abs(r)) {
            q += (n < 0) == (d < 0) ? 1 : -1;
        }
        return q;
    }

    /** {@code a × b} for E8 values, rounded as asked. */
    public static long multiply(long aE8, long bE8, Round round) {
        return mulDiv(aE8, bE8, ONE, round);
    }

    /** {@code a / b} as an E8 ratio, rounded half up. */
    public static long ratio(long a, long b) {
        return mulDiv(a, ONE, b, Round.HALF_UP);
    }

    /** {@code part / whole × 100} as an E8 percentage, rounded half up. */
    public static long percent(long part, long whole) {
        return mulDiv(part, HUNDRED, whole, Round.HALF_UP);
    }

    /** The relative change {@code (to − from) / from × 100} as an E8 percentage, rounded half up. */
    public static long percentChange(long from, long to) {
        return percent(Math.subtractExact(to, from), from);
    }
}
