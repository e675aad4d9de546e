package aftershock.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named table of typed columns, for the data outputs ({@link TableWriter}: CSV and Parquet): time series and
 * per-event tables that pandas, Polars or DuckDB load in one line. Immutable; build it with {@link #builder(String)}.
 *
 * <p>Cells are {@code Long} ({@link Type#LONG}), {@code Double} ({@link Type#DOUBLE}), {@code String}
 * ({@link Type#STRING}) or epoch milliseconds as {@code Long} ({@link Type#TIMESTAMP}, UTC); {@code null} is a missing
 * value in any column. On the way in, {@code Integer}/{@code Short}/{@code Byte} become {@code Long}, any
 * {@code Number} becomes {@code Double} in a DOUBLE column ({@code NaN} becomes {@code null}), and an {@link Instant}
 * becomes epoch milliseconds in a TIMESTAMP column.
 *
 * @param name    the table's name, also the file name of its outputs ({@code liquidations} →
 *                {@code liquidations.csv}, {@code liquidations.parquet}): letters, digits, {@code _ - .}
 * @param columns the columns, at least one, names unique
 * @param rows    the rows, each exactly as long as {@code columns}, cells typed as above (lists may hold null)
 */
public record Table(String name, List<Column> columns, List<List<Object>> rows) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** The type of a column: how it is written to CSV and which Parquet type it becomes. */
    public enum Type {
        /** 64-bit integer: CSV {@code -42}; Parquet INT64 (DuckDB BIGINT). */
        LONG,
        /** 64-bit float: CSV {@code 105405.5}, {@code 1270000000.0} (plain, '.' decimal); Parquet DOUBLE. */
        DOUBLE,
        /** UTF-8 text: CSV quoted when needed (RFC 4180); Parquet STRING (DuckDB VARCHAR). */
        STRING,
        /** An instant, epoch milliseconds: CSV ISO-8601 UTC {@code 2025-11-03T14:00:00Z}; Parquet TIMESTAMP
         *  adjusted to UTC, microsecond unit (DuckDB TIMESTAMP WITH TIME ZONE). */
        TIMESTAMP
    }

    /**
     * A column.
     *
     * @param name the column's name: a snake_case identifier with the unit last is the house style
     *             ({@code time}, {@code price_usd}, {@code qty}, {@code funding_rate})
     * @param type the column's type
     */
    public record Column(String name, Type type) {
        public Column {
            Series.requireText(name, "column name");
            Objects.requireNonNull(type, "column type");
        }
    }

    public Table {
        Objects.requireNonNull(name, "table name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("table name '" + name + "' must be letters, digits, '_', '-' or '.' "
                    + "(it names the output files)");
        }
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no column");
        }
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("table " + name + ": column '" + c.name() + "' appears twice");
            }
        }
        Objects.requireNonNull(rows, "rows");
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            copy.add(normalise(name, columns, r, Objects.requireNonNull(rows.get(r), "row " + r).toArray()));
        }
        rows = Collections.unmodifiableList(copy);
    }

    private static List<Object> normalise(String table, List<Column> columns, int r, Object[] cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("table " + table + ": row " + r + " has " + cells.length
                    + " cells but there are " + columns.size() + " columns");
        }
        Object[] out = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cell(columns.get(i).type(), cells[i], table, r, columns.get(i).name());
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    private static Object cell(Type type, Object v, String table, int row, String column) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case LONG:
                if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                    return ((Number) v).longValue();
                }
                break;
            case DOUBLE:
                if (v instanceof Number) {
                    double d = ((Number) v).doubleValue();
                    if (Double.isNaN(d)) {
                        return null;
                    }
                    if (Double.isInfinite(d)) {
                        throw new IllegalArgumentException("table " + table + ": row " + row + " column " + column
                                + " is infinite (CSV and Parquet readers disagree on infinities)");
                    }
                    return d;
                }
                break;
            case STRING:
                if (v instanceof String) {
                    return v;
                }
                break;
            case TIMESTAMP:
                if (v instanceof Long || v instanceof Integer) {
                    return ((Number) v).longValue();
                }
                if (v instanceof Instant) {
                    return ((Instant) v).toEpochMilli();
                }
                break;
            default:
                throw new AssertionError(type);
        }
        throw new IllegalArgumentException("table " + table + ": row " + row + " column " + column + " is a "
                + type + " column but the cell is " + v.getClass().getSimpleName() + " " + v
                + (type == Type.TIMESTAMP ? " (give epoch milliseconds or an Instant)" : ""));
    }

    /** The index of the column named {@code name}, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Declares the columns, then adds rows; {@link #build()} checks every cell. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder column(String name, Type type) {
            if (!rows.isEmpty()) {
                throw new IllegalStateException("table " + this.name + ": declare every column before the first row");
            }
            columns.add(new Column(name, type));
            return this;
        }

        /** One row, a cell per column in order. */
        public Builder row(Object... cells) {
            rows.add(Arrays.asList(cells.clone()));
            return this;
        }

        public Table build() {
            return new Table(name, columns, rows);
        }
    }
}
