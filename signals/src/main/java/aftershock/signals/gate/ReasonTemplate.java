package aftershock.signals.gate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule's reason with the numbers filled in: text with placeholders {@code {signal}} (the exact value, trailing zeros
 * dropped), {@code {signal:N}} (rounded half up to N decimals, 0..8) or {@code {signal:+N}} (the same with a '+' on
 * positive values). A missing value prints {@code n/a}.
 */
public final class ReasonTemplate {
    private record Part(String text, String signal, int decimals, boolean plus) {
    }

    private final String source;
    private final List<Part> parts;

    private ReasonTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a template, checking every placeholder's signal against {@code known}.
     *
     * @throws IllegalArgumentException naming the faulty placeholder
     */
    public static ReasonTemplate parse(String text, Set<String> known) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("'}' without '{' at character " + (i + 1));
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = text.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("'{' without '}' at character " + (i + 1));
            }
            String inside = text.substring(i + 1, end);
            String name = inside;
            int decimals = -1;
            boolean plus = false;
            int colon = inside.indexOf(':');
            if (colon >= 0) {
                name = inside.substring(0, colon);
                String spec = inside.substring(colon + 1);
                if (spec.startsWith("+")) {
                    plus = true;
                    spec = spec.substring(1);
                }
                if (!spec.matches("[0-8]")) {
                    throw new IllegalArgumentException("placeholder {" + inside + "}: the format after ':' must be "
                            + "0..8 decimals, optionally after '+'");
                }
                decimals = spec.charAt(0) - '0';
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("placeholder {" + inside + "}: unknown signal '" + name + "'");
            }
            if (literal.length() > 0) {
                parts.add(new Part(literal.toString(), null, 0, false));
                literal.setLength(0);
            }
            parts.add(new Part(null, name, decimals, plus));
            i = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), null, 0, false));
        }
        return new ReasonTemplate(text, parts);
    }

    /** The text with each placeholder replaced by its signal's value. */
    public String render(Map<String, Long> values) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p.text() != null) {
                sb.append(p.text());
                continue;
            }
            Long v = values.get(p.signal());
            if (v == null) {
                sb.append("n/a");
                continue;
            }
            BigDecimal d = BigDecimal.valueOf(v, 8);
            d = p.decimals() < 0 ? plain(d) : d.setScale(p.decimals(), RoundingMode.HALF_UP);
            if (p.plus() && d.signum() > 0) {
                sb.append('+');
            }
            sb.append(d.toPlainString());
        }
        return sb.toString();
    }

    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    @Override
    public String toString() {
        return source;
    }
}
