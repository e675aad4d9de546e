package aftershock.app.monitor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a user types them on the command line: {@code 30s}, {@code 1m}, {@code 4h}, {@code 1d}. */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private DurationText() {
    }

    /**
     * The duration in milliseconds.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static long parseMs(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 30s, 1m, 4h, 1d)");
        }
        long n = Long.parseLong(m.group(1));
        long unitMs = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> throw new IllegalStateException("unit matched by the pattern: " + m.group(2));
        };
        return Math.multiplyExact(n, unitMs);
    }
}
