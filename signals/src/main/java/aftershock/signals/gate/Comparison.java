package aftershock.signals.gate;

/** A rule condition's comparison of a signal's value with its threshold. */
public enum Comparison {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** As written in a rule file. */
    public String symbol() {
        return symbol;
    }

    public boolean holds(long valueE8, long thresholdE8) {
        return switch (this) {
            case LT -> valueE8 < thresholdE8;
            case LE -> valueE8 <= thresholdE8;
            case GT -> valueE8 > thresholdE8;
            case GE -> valueE8 >= thresholdE8;
            case EQ -> valueE8 == thresholdE8;
            case NE -> valueE8 != thresholdE8;
        };
    }

    /** The comparison written as {@code symbol}, or null. */
    public static Comparison bySymbol(String symbol) {
        for (Comparison c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        return null;
    }
}
