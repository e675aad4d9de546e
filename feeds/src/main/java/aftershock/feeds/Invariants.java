package aftershock.feeds;

import aftershock.engine.api.DecimalE8;

/** The checks every {@link MarketEvent} runs on construction, and its shared log-line head. */
final class Invariants {
    /** Symbols longer than this are not venue symbols (a limit on what a message can make us keep). */
    static final int SYMBOL_LENGTH_MAX = 64;

    private Invariants() {
    }

    static void header(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs) {
        present("source", source);
        if (symbol == null || symbol.isEmpty() || symbol.length() > SYMBOL_LENGTH_MAX) {
            throw new IllegalArgumentException("symbol must be 1.." + SYMBOL_LENGTH_MAX + " characters: " + symbol);
        }
        if (exchangeTsMs <= 0) {
            throw new IllegalArgumentException("exchange timestamp must be positive: " + exchangeTsMs);
        }
        if (receiveTsMs < 0) {
            throw new IllegalArgumentException("receive timestamp must not be negative: " + receiveTsMs);
        }
    }

    static void present(String what, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must be present");
        }
    }

    static void positive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }

    static void positiveOrAbsent(String what, long value) {
        if (value != MarketEvent.ABSENT && value <= 0) {
            throw new IllegalArgumentException(what + " must be positive or absent: " + value);
        }
    }

    static String e8(long value) {
        return value == MarketEvent.ABSENT ? "-" : DecimalE8.format(value);
    }

    static String head(MarketEvent e) {
        return e.exchangeTsMs() + " " + e.receiveTsMs() + " " + e.source().id() + " " + e.kind() + " " + e.symbol();
    }
}
