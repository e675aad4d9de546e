package aftershock.report;

import java.util.Objects;

/**
 * A trading halt (circuit breaker), shaded on the price charts.
 *
 * @param symbol  the halted instrument, or {@link #ALL_SYMBOLS} for a venue-wide halt
 * @param startMs when trading stopped, epoch milliseconds (UTC)
 * @param endMs   when trading resumed, epoch milliseconds; {@code >= startMs}
 * @param reason  why, for the tooltip ("price band -5% in 5 min"); may be empty
 */
public record Halt(String symbol, long startMs, long endMs, String reason) {
    /** The symbol of a halt of the whole venue. */
    public static final String ALL_SYMBOLS = "*";

    public Halt {
        Series.requireText(symbol, "halt symbol");
        Objects.requireNonNull(reason, "halt reason (use \"\" for none)");
        if (endMs < startMs) {
            throw new IllegalArgumentException("halt of " + symbol + " ends (" + endMs + ") before it starts ("
                    + startMs + ")");
        }
    }

    /** Whether this halt stops {@code symbol}. */
    public boolean applies(String symbol) {
        return this.symbol.equals(ALL_SYMBOLS) || this.symbol.equals(symbol);
    }
}
