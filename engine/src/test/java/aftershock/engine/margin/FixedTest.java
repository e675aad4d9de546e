package aftershock.engine.margin;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedTest {

    /** The reference: exact rational a·b/c rounded by BigDecimal, or null when it does not fit a long. */
    private static Long reference(long a, long b, long c, Fixed.Round round) {
        BigDecimal n = new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
        RoundingMode mode = switch (round) {
            case FLOOR -> RoundingMode.FLOOR;
            case CEILING -> RoundingMode.CEILING;
            case HALF_EVEN -> RoundingMode.HALF_EVEN;
        };
        BigInteger q = n.divide(new BigDecimal(c), 0, mode).toBigIntegerExact();
        return q.bitLength() <= 63 ? q.longValueExact() : null;
    }

    private static void check(long a, long b, long c, String seed) {
        for (Fixed.Round r : Fixed.Round.values()) {
            if (c == Long.MIN_VALUE) {
                // Long.MIN_VALUE is not a supported divisor when the product fits 64 bits (div's documented limit):
                // either the exact answer or an ArithmeticException, never a wrong number.
                Long want = reference(a, b, c, r);
                try {
                    long got = Fixed.mulDiv(a, b, c, r);
                    assertEquals(want, got, seed + " " + a + "*" + b + "/" + c + " " + r);
                } catch (ArithmeticException expected) {
                    // refused
                }
                continue;
            }
            Long want = reference(a, b, c, r);
            if (want == null) {
                assertThrows(ArithmeticException.class, () -> Fixed.mulDiv(a, b, c, r), seed + " " + a + "*" + b + "/" + c);
            } else {
                assertEquals(want.longValue(), Fixed.mulDiv(a, b, c, r), seed + " " + a + "*" + b + "/" + c + " " + r);
            }
        }
    }

    @Test
    void mulDivMatchesExactArithmeticOnRandomWideProducts() {
        long seed = 20261126L;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 200_000; i++) {
            // Magnitudes spread over every bit length so products straddle 64 bits and quotients straddle 63.
            long a = rnd.nextLong() >> rnd.nextInt(64);
            long b = rnd.nextLong() >> rnd.nextInt(64);
            long c = rnd.nextLong() >> rnd.nextInt(64);
            if (c == 0) {
                continue;
            }
            check(a, b, c, "seed=" + seed + " i=" + i);
        }
    }

    @Test
    void mulDivMatchesExactArithmeticOnSmallAndMidSizedDivisors() {
        // Wide products over divisors of at most 32 bits (prices × quantities in E8 over E8, rates, fees) take the
        // short-division path, larger ones the long division; quotients up to and beyond 2^63, divisors around 2^32
        // and 2^50.
        long seed = 20261127L;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 300_000; i++) {
            long a = rnd.nextLong(1, 1L << rnd.nextInt(20, 63)) * (rnd.nextBoolean() ? 1 : -1);
            long b = rnd.nextLong(1, 1L << rnd.nextInt(20, 63)) * (rnd.nextBoolean() ? 1 : -1);
            long c = switch (i % 5) {
                case 0 -> Fixed.E8;
                case 1 -> rnd.nextLong(1, 1L << 50);
                case 2 -> (1L << 50) - rnd.nextLong(1, 1000);
                case 3 -> (1L << 32) + rnd.nextLong(-1000, 1000);
                default -> rnd.nextLong(1, 1L << rnd.nextInt(1, 52));
            } * (rnd.nextInt(8) == 0 ? -1 : 1);
            check(a, b, c, "seed=" + seed + " i=" + i);
        }
        // Quotients straddling 2^62 and 2^63 (overflow) with a divisor just under 2^50, and with E8.
        long c = (1L << 50) - 3;
        for (long k = -50; k <= 50; k++) {
            long a = (1L << 56) + k * 977;
            long b = (1L << 56) - k * 131;
            check(a, b, c, "near 2^62 k=" + k);
            check(-a, b, c, "near 2^62 k=" + k);
            long a2 = (1L << 57) - 3 + k * 1_000_003;
            long b2 = (1L << 56) + k * 7;
            check(a2, b2, c, "near 2^63 k=" + k);
            check(a2, -b2, c, "near 2^63 k=" + k);
            check(a2, b2, Fixed.E8, "near 2^63 E8 k=" + k);
        }
        // Quotients just under 2^63 with the simulator's shape (a large balance × E8 / a small amount).
        for (long k = 0; k < 2000; k++) {
            long d = 1_000_000L + k * 997;
            long a = Long.MAX_VALUE / Fixed.E8 * d / Fixed.E8 * Fixed.E8 / d * Fixed.E8 - k * 12_345;
            check(a / Fixed.E8, Fixed.E8, d, "large balance k=" + k);
            check(a / Fixed.E8 + k, Fixed.E8, d, "large balance+ k=" + k);
        }
    }

    @Test
    void mulDivEdgeCases() {
        long[] values = {1, -1, 2, 3, 7, Fixed.E8, -Fixed.E8, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
                Long.MIN_VALUE + 1, 1L << 32, (1L << 32) - 1, -(1L << 32), 1L << 62, 11_400_000_000_000L, 99_999_999_999L};
        for (long a : values) {
            for (long b : values) {
                for (long c : values) {
                    check(a, b, c, "edges");
                }
            }
        }
    }

    @Test
    void halfEvenTiesGoToTheEvenNeighbourOnTheWidePath() {
        // 2^63 × 3 / 2^64... expressed with a wide product: (2^40 × 2^40 + 0) ties at .5
        long a = 1L << 40;
        long b = (1L << 40) + 1; // product = 2^80 + 2^40
        long c = 1L << 41;       // = 2^39 + 0.5
        assertEquals((1L << 39), Fixed.mulDiv(a, b, c, Fixed.Round.HALF_EVEN));
        assertEquals((1L << 39) + 1, Fixed.mulDiv(a, b, c, Fixed.Round.CEILING));
        assertEquals(-(1L << 39) - 1, Fixed.mulDiv(-a, b, c, Fixed.Round.FLOOR));
    }
}
