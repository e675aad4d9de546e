package aftershock.engine.margin;

import java.util.Optional;

/** Built-in leverage bracket tables, dated. Venues revise these; pass another table to pin a different one. */
public final class BracketTables {
    private BracketTables() {
    }

    /**
     * BTCUSDT, Binance USDⓈ-M, the 150× table in force in 2025 (tier 1 0–300,000 USDT at MMR 0.40%); values as
     * returned by {@code GET /fapi/v1/leverageBracket} in public captures of 2025. Every tier satisfies the
     * maintenance-amount recurrence (checked by {@link BracketTable}).
     */
    public static final BracketTable BTCUSDT_2025 = BracketTable.of("BTCUSDT", "2025-08",
            "Binance GET /fapi/v1/leverageBracket, public 2025 captures", new String[][] {
                    {"150", "0", "300000", "0.004", "0"},
                    {"100", "300000", "800000", "0.005", "300"},
                    {"75", "800000", "3000000", "0.0065", "1500"},
                    {"50", "3000000", "12000000", "0.01", "12000"},
                    {"25", "12000000", "70000000", "0.02", "132000"},
                    {"20", "70000000", "100000000", "0.025", "482000"},
                    {"10", "100000000", "230000000", "0.05", "2982000"},
                    {"5", "230000000", "480000000", "0.1", "14482000"},
                    {"4", "480000000", "600000000", "0.125", "26482000"},
                    {"3", "600000000", "800000000", "0.15", "41482000"},
                    {"2", "800000000", "1200000000", "0.25", "121482000"},
                    {"1", "1200000000", "1800000000", "0.5", "421482000"},
            });

    public static Optional<BracketTable> defaultFor(String symbol) {
        return switch (symbol) {
            case "BTCUSDT" -> Optional.of(BTCUSDT_2025);
            default -> Optional.empty();
        };
    }
}
