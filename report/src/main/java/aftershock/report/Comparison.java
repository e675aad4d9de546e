package aftershock.report;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of the same scenario under several policies, as a table of already formatted cells (one row per
 * variant, or one row per metric: the caller decides) and a verdict in plain language, shown at the top of the report
 * when it has two variants or more. Cells are text so the caller chooses the metrics; {@link Unit#format} writes
 * numbers the way the rest of the report does.
 *
 * @param columns the column headings
 * @param rows    the cells, each row exactly as long as {@code columns}
 * @param verdict what the table says, in a paragraph a risk committee can read ("Pro-rata ADL ... "); may be empty
 */
public record Comparison(List<String> columns, List<List<String>> rows, String verdict) {
    /** No comparison. */
    public static final Comparison NONE = new Comparison(List.of(), List.of(), "");

    public Comparison {
        columns = List.copyOf(Objects.requireNonNull(columns, "comparison columns"));
        Objects.requireNonNull(rows, "comparison rows");
        Objects.requireNonNull(verdict, "comparison verdict (use \"\" for none)");
        List<List<String>> copy = new java.util.ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = List.copyOf(Objects.requireNonNull(rows.get(r), "comparison row " + r));
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("comparison row " + r + " has " + row.size() + " cells but there are "
                        + columns.size() + " columns " + columns);
            }
            copy.add(row);
        }
        rows = List.copyOf(copy);
    }

    /** True when there is neither a table nor a verdict. */
    public boolean isEmpty() {
        return rows.isEmpty() && verdict.isBlank();
    }
}
