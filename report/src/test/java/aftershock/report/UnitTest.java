package aftershock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitTest {
    @Test
    void usdIsCompactWithAtMostThreeSignificantDigits() {
        assertEquals("$1.27B", Unit.USD.format(1_270_000_000));
        assertEquals("$35.2M", Unit.USD.format(35_240_000));
        assertEquals("$352M", Unit.USD.format(352_400_000));
        assertEquals("$12.5K", Unit.USD.format(12_499));
        assertEquals("$1.00M", Unit.USD.format(999_999), "rounding up moves to the next scale's digits");
        assertEquals("$950", Unit.USD.format(950.4));
        assertEquals("$999K", Unit.USD.format(999_400));
        assertEquals("$1.00K", Unit.USD.format(999.7));
        assertEquals("$9.50", Unit.USD.format(9.5));
        assertEquals("$0", Unit.USD.format(0));
        assertEquals("-$4.85M", Unit.USD.format(-4_850_000));
        assertEquals("$1.50T", Unit.USD.format(1.5e12));
    }

    @Test
    void pricesCountsAndPercentagesAreGrouped() {
        assertEquals("$105,405", Unit.PRICE.format(105_405.2));
        assertEquals("$3,512.42", Unit.PRICE.format(3_512.418));
        assertEquals("$0.2450", Unit.PRICE.format(0.245));
        assertEquals("105,405", Unit.COUNT.format(105_405));
        assertEquals("1,234.5", Unit.NUMBER.format(1_234.5));
        assertEquals("2.41%", Unit.PERCENT.format(2.4123));
        assertEquals("0.0100%", Unit.RATE.format(0.0001));
        assertEquals("-0.0040%", Unit.RATE.format(-0.00004));
        assertEquals("12.5 bp", Unit.BPS.format(12.5));
    }

    @Test
    void durationsTimesAndMissingValues() {
        assertEquals("45 s", Unit.SECONDS.format(45));
        assertEquals("15 min", Unit.SECONDS.format(900));
        assertEquals("2.25 h", Unit.SECONDS.format(8_100));
        assertEquals("2025-11-03 14:33 UTC", Unit.TIME.format(1_762_180_380_000L));
        assertEquals("\u2014", Unit.USD.format(Double.NaN));
        assertEquals("0", Unit.COUNT.format(-0.2), "no negative zero");
    }

    @Test
    void differencesAreSignedWithTheRelativeChangeForAmounts() {
        assertEquals("+$71.6M (+5.6%)", Unit.USD.formatDifference(1.27e9, 1.3416e9));
        assertEquals("-$1,256.00 (-1.2%)", Unit.PRICE.formatDifference(105_405, 104_149));
        assertEquals("+0.50 pp", Unit.PERCENT.formatDifference(2.4, 2.9));
        assertEquals("+9 min", Unit.TIME.formatDifference(1_762_180_380_000L, 1_762_180_920_000L));
        assertEquals("\u2014", Unit.RATE.formatDifference(-0.00004, Double.NaN));
        assertEquals("\u00b10", Unit.COUNT.formatDifference(5, 5));
    }
}
