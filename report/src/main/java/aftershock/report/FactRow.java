package aftershock.report;

import java.util.Objects;

/**
 * One line of the fact-vs-simulated table: what the real event did against what the simulation did, for event
 * presets calibrated on a historical crash (e.g. "Liquidated in 24 h", 1.27e9, 1.19e9, USD, "CoinGlass").
 *
 * @param what      the measure, a few words
 * @param fact      the historical value, in {@code unit}; {@code NaN} if unknown
 * @param simulated the simulated value, in {@code unit}; {@code NaN} if not measured
 * @param unit      how both values are measured and written
 * @param note      the source of the fact or a caveat; empty when none
 */
public record FactRow(String what, double fact, double simulated, Unit unit, String note) {
    public FactRow {
        Series.requireText(what, "fact row 'what'");
        Objects.requireNonNull(unit, "fact row unit");
        Objects.requireNonNull(note, "fact row note (use \"\" for none)");
    }

    /** {@code simulated - fact} as the table writes it ({@link Unit#formatDifference}). */
    public String difference() {
        return unit.formatDifference(fact, simulated);
    }
}
