package aftershock.signals.series;

import aftershock.signals.series.FixedE8.Round;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FixedE8Test {
    @Test
    void halfUpRoundsHalvesAwayFromZero() {
        assertEquals(3, FixedE8.div(5, 2, Round.HALF_UP));
        assertEquals(-3, FixedE8.div(-5, 2, Round.HALF_UP));
        assertEquals(2, FixedE8.div(7, 4, Round.HALF_UP));
        assertEquals(-2, FixedE8.div(-7, 4, Round.HALF_UP));
        assertEquals(1, FixedE8.div(4, 3, Round.HALF_UP));
    }

    @Test
    void floorRoundsTowardNegativeInfinity() {
        assertEquals(2, FixedE8.div(5, 2, Round.FLOOR));
        assertEquals(-3, FixedE8.div(-5, 2, Round.FLOOR));
    }

    @Test
    void mulDivKeepsTheProductIn128Bits() {
        long big = 9_000_000_000_000_000_000L;
        assertEquals(big, FixedE8.mulDiv(big, 300_000_000L, 300_000_000L, Round.FLOOR));
        assertEquals(-big, FixedE8.mulDiv(-big, 300_000_000L, 300_000_000L, Round.HALF_UP));
        assertEquals(-3_000_000_000_000_000_000L,
                FixedE8.mulDiv(-big, 100_000_001L, 300_000_003L, Round.FLOOR));
        assertEquals(-2_999_999_990_000_000_134L,
                FixedE8.mulDiv(-big, 100_000_001L, 300_000_004L, Round.FLOOR));
    }

    @Test
    void aResultThatDoesNotFitThrows() {
        assertThrows(ArithmeticException.class, () -> FixedE8.mulDiv(Long.MAX_VALUE, 3, 2, Round.FLOOR));
        assertThrows(ArithmeticException.class, () -> FixedE8.div(1, 0, Round.FLOOR));
    }

    @Test
    void percentChangeIsRelativeToTheStart() {
        assertEquals(-5 * FixedE8.ONE, FixedE8.percentChange(4_000_000L, 3_800_000L));
        assertEquals(3_000_000L, FixedE8.percent(30 * FixedE8.ONE, 100_000 * FixedE8.ONE));
    }

    @Test
    void windowLabelsUseTheLargestExactUnit() {
        assertEquals("1h", WindowLabel.of(3_600_000L));
        assertEquals("24h", WindowLabel.of(86_400_000L));
        assertEquals("7d", WindowLabel.of(604_800_000L));
        assertEquals("15m", WindowLabel.of(900_000L));
        assertEquals("1500ms", WindowLabel.of(1_500L));
    }
}
