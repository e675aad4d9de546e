package aftershock.signals.gate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static aftershock.signals.Ev.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReasonTemplateTest {
    private static final Set<String> KNOWN = Set.of("x", "y.BTCUSDT");

    private static String render(String template, String x) {
        Map<String, Long> values = new HashMap<>();
        values.put("x", x == null ? null : d(x));
        return ReasonTemplate.parse(template, KNOWN).render(values);
    }

    @Test
    void aBarePlaceholderPrintsTheExactValue() {
        assertEquals("premium -0.0312345%", render("premium {x}%", "-0.0312345"));
        assertEquals("4 days", render("{x} days", "4"));
        assertEquals("100 US$", render("{x} US$", "100"));
    }

    @Test
    void decimalsRoundHalfUpAndPlusSignsPositives() {
        assertEquals("-0.04", render("{x:2}", "-0.035"));
        assertEquals("+0.04", render("{x:+2}", "0.035"));
        assertEquals("0.00", render("{x:+2}", "0.001"));
        assertEquals("7", render("{x:0}", "6.5"));
    }

    @Test
    void aMissingValuePrintsNa() {
        assertEquals("n/a days", render("{x} days", null));
    }

    @Test
    void badPlaceholdersAreRefusedWithWhatIsWrong() {
        assertEquals("placeholder {z}: unknown signal 'z'",
                assertThrows(IllegalArgumentException.class, () -> ReasonTemplate.parse("{z}", KNOWN)).getMessage());
        assertEquals("'{' without '}' at character 3",
                assertThrows(IllegalArgumentException.class, () -> ReasonTemplate.parse("a {x", KNOWN)).getMessage());
        assertEquals("placeholder {x:9}: the format after ':' must be 0..8 decimals, optionally after '+'",
                assertThrows(IllegalArgumentException.class, () -> ReasonTemplate.parse("{x:9}", KNOWN))
                        .getMessage());
        assertEquals("'}' without '{' at character 2",
                assertThrows(IllegalArgumentException.class, () -> ReasonTemplate.parse("a}", KNOWN)).getMessage());
        assertEquals("ok 1.5", ReasonTemplate.parse("ok {y.BTCUSDT}", KNOWN).render(Map.of("y.BTCUSDT", d("1.5"))));
    }
}
