package aftershock.engine.api;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalE8Test {

    @Test
    void parsesPlainDecimalsExactly() {
        assertEquals(10_800_000_000_000L, DecimalE8.parse("108000.0"));
        assertEquals(10_000_000L, DecimalE8.parse("0.10"));
        assertEquals(50_000_000L, DecimalE8.parse(".5"));
        assertEquals(-150_000_000L, DecimalE8.parse("-1.5"));
        assertEquals(1L, DecimalE8.parse("0.00000001"));
        assertEquals(1L, DecimalE8.parse("0.000000010000")); // trailing zeros past 8 places are fine
        assertEquals(100_000_000L, DecimalE8.parse(" 1 "));
        assertEquals(Long.MAX_VALUE, DecimalE8.parse("92233720368.54775807"));
    }

    @Test
    void rejectsWhatIsNotAPlainDecimal() {
        for (String bad : new String[] {"", "-", ".", "1.2.3", "abc", "1e3", "1,5", "0x10", "--1"}) {
            NumberFormatException e = assertThrows(NumberFormatException.class, () -> DecimalE8.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertTrue(assertThrows(NumberFormatException.class, () -> DecimalE8.parse("0.000000001")).getMessage()
                .contains("more than 8 decimal places"));
        assertTrue(assertThrows(NumberFormatException.class, () -> DecimalE8.parse("92233720368.54775808")).getMessage()
                .contains("too large"));
    }

    @Test
    void formatsWithoutTrailingZeros() {
        assertEquals("108000", DecimalE8.format(10_800_000_000_000L));
        assertEquals("0.1", DecimalE8.format(10_000_000L));
        assertEquals("-1.5", DecimalE8.format(-150_000_000L));
        assertEquals("0", DecimalE8.format(0));
        assertEquals("0.00000001", DecimalE8.format(1));
        assertEquals("-92233720368.54775808", DecimalE8.format(Long.MIN_VALUE));
    }

    @Test
    void formatsWithFixedPlacesOnlyWhenExact() {
        assertEquals("108000.10", DecimalE8.format(10_800_010_000_000L, 2));
        assertEquals("5", DecimalE8.format(500_000_000L, 0));
        assertThrows(ArithmeticException.class, () -> DecimalE8.format(10_800_012_300_000L, 2));
    }

    @Test
    void roundTripsRandomValues() {
        long seed = 7L;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong();
            assertEquals(v, DecimalE8.parse(DecimalE8.format(v)), "seed=" + seed + " value " + v);
        }
    }
}
