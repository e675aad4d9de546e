package aftershock.report;

import java.util.Objects;

/**
 * One headline number of the run, shown as a card at the top of the report (e.g. "Liquidated", 1.27e9,
 * {@link Unit#USD} → "$1.27B").
 *
 * @param label what the number is, a few words ("Liquidated", "BTC low", "ADL events")
 * @param value the number, in {@code unit}; {@code NaN} when not known
 * @param unit  how the value is measured and written
 */
public record KeyFigure(String label, double value, Unit unit) {
    public KeyFigure {
        Series.requireText(label, "key figure label");
        Objects.requireNonNull(unit, "key figure unit");
    }

    /** The value as the report writes it. */
    public String formatted() {
        return unit.format(value);
    }
}
