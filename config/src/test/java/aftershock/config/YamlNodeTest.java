package aftershock.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class YamlNodeTest {
    static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String file, int line, String field, String message) {
            super(YamlNode.describe(file, line, field, message));
        }
    }

    static YamlNode<Bad> parse(String text) throws Bad {
        return YamlNode.parse("x.yaml", text, "a mapping", Bad::new);
    }

    @Test
    void errorsNameFileLineAndFieldPath() throws Bad {
        YamlNode<Bad> root = parse("a:\n  - {b: \"1.5\"}\n  - {b: oops}\n");
        List<YamlNode<Bad>> items = root.map(Set.of("a")).get("a").list();
        Map<String, YamlNode<Bad>> second = items.get(1).map(Set.of("b"));
        assertEquals(150_000_000L, items.get(0).map(Set.of("b")).get("b").decimalE8());
        Bad e = assertThrows(Bad.class, () -> second.get("b").decimalE8());
        assertEquals("x.yaml:3: field 'a[1].b': expected a decimal number such as 4, -0.03 or 0.0001 ('oops' is not a "
                + "decimal number), got 'oops'", e.getMessage());
        assertEquals("x.yaml:2: field 'a[0]': missing field 'c'",
                assertThrows(Bad.class, () -> items.get(0).required(items.get(0).map(Set.of("b")), "c")).getMessage());
        assertEquals("x.yaml:1: field 'a': unknown field (allowed: z)",
                assertThrows(Bad.class, () -> root.map(Set.of("z"))).getMessage());
    }

    @Test
    void timesEnumsAndWholeFileProblems() throws Bad {
        assertEquals(8 * 3_600_000_000_000L, parse("t: 8h\n").map(Set.of("t")).get("t").timeNanos());
        assertEquals(250_000_000L, parse("t: 250ms\n").map(Set.of("t")).get("t").timeNanos());
        assertEquals(Thread.State.NEW, parse("s: new\n").map(Set.of("s")).get("s").enumValue(Thread.State.class));
        assertEquals("x.yaml:1: the file is empty (expected a mapping)", assertThrows(Bad.class, () -> parse("")).getMessage());
        assertEquals("x.yaml:2: not valid YAML", assertThrows(Bad.class, () -> parse("a: [1\nb: 2\n")).getMessage()
                .substring(0, "x.yaml:2: not valid YAML".length()));
        assertEquals("x.yaml:2: field 'a': given twice",
                assertThrows(Bad.class, () -> parse("a: 1\na: 2\n").map(Set.of("a"))).getMessage());
    }
}
