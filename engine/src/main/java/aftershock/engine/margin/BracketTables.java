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

    /**
     * ETHUSDT, Binance USDⓈ-M, the 150× table in force since 2025-08-21 (unchanged to 2026-03-05): tiers 1–4 as
     * BTCUSDT's, then narrower. Values from the weekly refreshed leverage-tier snapshots of the open-source bot
     * freqtrade (binance_leverage_tiers.json).
     */
    public static final BracketTable ETHUSDT_2025 = BracketTable.of("ETHUSDT", "2025-08-21",
            "Binance GET /fapi/v1/leverageBracket via freqtrade's binance_leverage_tiers.json snapshots", new String[][] {
                    {"150", "0", "300000", "0.004", "0"},
                    {"100", "300000", "800000", "0.005", "300"},
                    {"75", "800000", "3000000", "0.0065", "1500"},
                    {"50", "3000000", "12000000", "0.01", "12000"},
                    {"25", "12000000", "50000000", "0.02", "132000"},
                    {"20", "50000000", "65000000", "0.025", "382000"},
                    {"10", "65000000", "150000000", "0.05", "2007000"},
                    {"5", "150000000", "320000000", "0.1", "9507000"},
                    {"4", "320000000", "400000000", "0.125", "17507000"},
                    {"3", "400000000", "530000000", "0.15", "27507000"},
                    {"2", "530000000", "800000000", "0.25", "80507000"},
                    {"1", "800000000", "1200000000", "0.5", "280507000"},
            });

    public static Optional<BracketTable> defaultFor(String symbol) {
        return switch (symbol) {
            case "BTCUSDT" -> Optional.of(BTCUSDT_2025);
            case "ETHUSDT" -> Optional.of(ETHUSDT_2025);
            default -> Optional.empty();
        };
    }
}
