package aftershock.feeds.wire;

import aftershock.feeds.MarketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Decimals are exact, from strings or from the exact text of JSON numbers, and failures name the field. */
class FieldsTest {

    @Test
    void decimalStringsAndJsonNumbersAreReadExactly() {
        JsonNode n = Json.readOrNull("{\"s\":\"0.1\",\"n\":0.1,\"big\":92233720368.54775807,\"i\":42,\"exp\":1e-3}");
        assertEquals(10_000_000L, Fields.decimalE8(n, "s"));
        assertEquals(10_000_000L, Fields.decimalE8(n, "n"), "0.1 as a JSON number is not the double 0.1");
        assertEquals(Long.MAX_VALUE, Fields.decimalE8(n, "big"));
        assertEquals(4_200_000_000L, Fields.decimalE8(n, "i"));
        assertEquals(100_000L, Fields.decimalE8(n, "exp"));
    }

    @Test
    void hugeOrTooPreciseNumbersAreBadDecimalsNotCrashes() {
        JsonNode n = Json.readOrNull("{\"a\":1e999999999,\"b\":1e-999999999,\"c\":\"0.000000001\",\"d\":\" 1\","
                + "\"e\":true,\"f\":92233720368.54775808}");
        for (String key : new String[] {"a", "b", "c", "d", "e", "f"}) {
            assertEquals("bad-decimal:" + key, assertThrows(Rejected.class, () -> Fields.decimalE8(n, key)).reason());
        }
    }

    @Test
    void emptyOrMissingOptionalValuesAreAbsent() {
        JsonNode n = Json.readOrNull("{\"r\":\"\",\"t\":0,\"u\":null}");
        assertEquals(MarketEvent.ABSENT, Fields.decimalE8OrAbsent(n, "r"));
        assertEquals(MarketEvent.ABSENT, Fields.decimalE8OrAbsent(n, "missing"));
        assertEquals(MarketEvent.ABSENT, Fields.timeMsOrAbsent(n, "t"));
        assertEquals(MarketEvent.ABSENT, Fields.timeMsOrAbsent(n, "u"));
    }

    @Test
    void timesMustBePlausibleEpochMilliseconds() {
        JsonNode n = Json.readOrNull("{\"ms\":1700000000000,\"us\":1700000000000000,\"text\":\"1700000000000\","
                + "\"neg\":-1,\"frac\":1.5}");
        assertEquals(1_700_000_000_000L, Fields.timeMs(n, "ms"));
        assertEquals(1_700_000_000_000L, Fields.timeMs(n, "text"));
        assertEquals("bad-time:us", assertThrows(Rejected.class, () -> Fields.timeMs(n, "us")).reason());
        assertEquals("bad-time:neg", assertThrows(Rejected.class, () -> Fields.timeMs(n, "neg")).reason());
        assertEquals("bad-time:frac", assertThrows(Rejected.class, () -> Fields.timeMs(n, "frac")).reason());
    }

    @Test
    void roundedHalfEvenIsOnlyForTheDocumentedOverPreciseFields() {
        JsonNode n = Json.readOrNull("{\"r\":\"0.000187505\",\"s\":\"0.000187515\",\"x\":\"1e5\"}");
        assertEquals(18_750L, Fields.decimalE8RoundedHalfEven(n, "r"));
        assertEquals(18_752L, Fields.decimalE8RoundedHalfEven(n, "s"));
        assertEquals("bad-decimal:x", assertThrows(Rejected.class,
                () -> Fields.decimalE8RoundedHalfEven(n, "x")).reason());
    }

    @Test
    void tooDeepOrDuplicatedJsonIsNotRead() {
        assertNull(Json.readOrNull("[".repeat(100) + "]".repeat(100)));
        assertNull(Json.readOrNull("{\"a\":1,\"a\":2}"));
        assertNull(Json.readOrNull("{} {}"));
        assertNull(Json.readOrNull("   "));
    }
}
