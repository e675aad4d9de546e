package aftershock.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one report shows: what was run, its headline figures, how it compares with the historical event, and
 * one {@link Variant} per policy (the first is the baseline). {@link ReportWriter} turns it into one HTML file.
 * Immutable; build it with {@link #builder(String)}.
 *
 * @param title         the report's title ("Nov 3, 2025: the $1.27B cascade")
 * @param scenario      the scenario's name ("nov-3-2025")
 * @param seed          the random seed of the run (same scenario + seed → same run)
 * @param generatedFrom how to reproduce the report, usually the command line; may be empty
 * @param keyFigures    headline numbers, shown as cards in this order
 * @param facts         the fact-vs-simulated table (empty for scenarios that are not historical events)
 * @param variants      one per policy, at least one; the first is the baseline; names unique
 * @param comparison    the outcome table and verdict across variants ({@link Comparison#NONE} for none)
 * @param notes         free remarks shown at the end (assumptions, caveats), one paragraph each
 */
public record ReportData(String title, String scenario, long seed, String generatedFrom, List<KeyFigure> keyFigures,
                         List<FactRow> facts, List<Variant> variants, Comparison comparison, List<String> notes) {
    public ReportData {
        Series.requireText(title, "report title");
        Series.requireText(scenario, "report scenario");
        Objects.requireNonNull(generatedFrom, "generatedFrom (use \"\" for none)");
        keyFigures = List.copyOf(Objects.requireNonNull(keyFigures, "keyFigures"));
        facts = List.copyOf(Objects.requireNonNull(facts, "facts"));
        variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
        Objects.requireNonNull(comparison, "comparison (use Comparison.NONE)");
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one variant (the baseline run)");
        }
        Set<String> names = new HashSet<>();
        for (Variant v : variants) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("two variants are named '" + v.name() + "'; names must be unique");
            }
        }
    }

    /** The first variant, against which the others are compared. */
    public Variant baseline() {
        return variants.get(0);
    }

    /** Every instrument of any variant, in order of first appearance (baseline first). */
    public List<String> symbols() {
        List<String> symbols = new ArrayList<>();
        for (Variant v : variants) {
            for (InstrumentSeries s : v.instruments()) {
                if (!symbols.contains(s.symbol())) {
                    symbols.add(s.symbol());
                }
            }
        }
        return symbols;
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Fills a report piece by piece; {@link #build()} validates it. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private String scenario = "";
        private long seed;
        private String generatedFrom = "";
        private final List<KeyFigure> keyFigures = new ArrayList<>();
        private final List<FactRow> facts = new ArrayList<>();
        private final List<Variant> variants = new ArrayList<>();
        private Comparison comparison = Comparison.NONE;
        private final List<String> notes = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        public Builder scenario(String name) {
            this.scenario = name;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How to reproduce the report, usually the command line. */
        public Builder generatedFrom(String commandLine) {
            this.generatedFrom = commandLine;
            return this;
        }

        public Builder keyFigure(String label, double value, Unit unit) {
            keyFigures.add(new KeyFigure(label, value, unit));
            return this;
        }

        public Builder fact(String what, double fact, double simulated, Unit unit, String note) {
            facts.add(new FactRow(what, fact, simulated, unit, note));
            return this;
        }

        /** Adds a variant; the first added is the baseline. */
        public Builder variant(Variant variant) {
            variants.add(Objects.requireNonNull(variant, "variant"));
            return this;
        }

        public Builder comparison(List<String> columns, List<List<String>> rows, String verdict) {
            this.comparison = new Comparison(columns, rows, verdict);
            return this;
        }

        public Builder note(String paragraph) {
            notes.add(Objects.requireNonNull(paragraph, "note"));
            return this;
        }

        public ReportData build() {
            return new ReportData(title, scenario, seed, generatedFrom, keyFigures, facts, variants, comparison,
                    notes);
        }
    }
}
