package aftershock.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes a {@link Table} as CSV and as Parquet, the data outputs a pandas, Polars or DuckDB user loads in one line
 * (conventions in docs/OUTPUTS.md).
 *
 * <ul>
 *   <li>CSV: RFC 4180 — UTF-8 without BOM, a header row, CRLF line ends, a field quoted when it holds a comma, a
 *       quote, CR or LF (quotes doubled); '.' decimals in plain notation with at least one decimal for DOUBLE
 *       ({@code 1270000000.0}, {@code 0.0001}); timestamps ISO-8601 in UTC ({@code 2025-11-03T14:00:00Z},
 *       milliseconds when not zero); a missing value is an empty field, an empty string is {@code ""}.</li>
 *   <li>Parquet: written by an embedded in-memory DuckDB (rows appended with its appender, then
 *       {@code COPY ... TO (FORMAT PARQUET)}, Snappy compression): INT64, DOUBLE, STRING and TIMESTAMP (UTC,
 *       microseconds); missing values are nulls.</li>
 * </ul>
 */
public final class TableWriter {
    private static final String CRLF = "\r\n";

    private TableWriter() {
    }

    /** Writes {@code dir/NAME.csv} and {@code dir/NAME.parquet}. */
    public static void write(Table table, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeCsv(table, dir.resolve(table.name() + ".csv"));
        writeParquet(table, dir.resolve(table.name() + ".parquet"));
    }

    public static void writeCsv(Table table, Path file) throws IOException {
        createParent(file);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(table, out);
        }
    }

    public static void writeCsv(Table table, Writer out) throws IOException {
        Writer w = out instanceof BufferedWriter ? out : new BufferedWriter(out);
        List<Table.Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quoted(columns.get(i).name()));
        }
        w.write(CRLF);
        for (List<Object> row : table.rows()) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                Object v = row.get(i);
                if (v != null) {
                    w.write(csvField(columns.get(i).type(), v));
                }
            }
            w.write(CRLF);
        }
        w.flush();
    }

    private static String csvField(Table.Type type, Object v) {
        return switch (type) {
            case LONG -> v.toString();
            case DOUBLE -> decimal((Double) v);
            case STRING -> {
                String s = (String) v;
                yield s.isEmpty() ? "\"\"" : quoted(s);
            }
            case TIMESTAMP -> DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli((Long) v));
        };
    }

    /** The shortest decimal that reads back as the same double, in plain notation, with at least one decimal. */
    static String decimal(double d) {
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        if (s.startsWith("-") && BigDecimal.valueOf(d).signum() == 0) {
            s = s.substring(1);
        }
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    /** RFC 4180: quoted (quotes doubled) when the field holds a comma, a quote, CR or LF. */
    static String quoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
        }
        return s;
    }

    /** Writes the table as Parquet through an in-memory DuckDB. */
    public static void writeParquet(Table table, Path file) throws IOException {
        createParent(file);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
            try (Statement s = connection.createStatement()) {
                s.execute(createTable(table));
            }
            try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                List<Table.Column> columns = table.columns();
                for (List<Object> row : table.rows()) {
                    appender.beginRow();
                    for (int i = 0; i < columns.size(); i++) {
                        append(appender, columns.get(i).type(), row.get(i));
                    }
                    appender.endRow();
                }
            }
            Files.deleteIfExists(file);
            try (Statement s = connection.createStatement()) {
                s.execute("COPY t TO " + sqlString(file.toAbsolutePath().toString()) + " (FORMAT PARQUET)");
            }
        } catch (SQLException e) {
            throw new IOException("cannot write " + table.name() + " as Parquet to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String createTable(Table table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE t (");
        List<Table.Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append('"').append(columns.get(i).name().replace("\"", "\"\"")).append("\" ")
                    .append(switch (columns.get(i).type()) {
                        case LONG -> "BIGINT";
                        case DOUBLE -> "DOUBLE";
                        case STRING -> "VARCHAR";
                        case TIMESTAMP -> "TIMESTAMPTZ";
                    });
        }
        return sql.append(')').toString();
    }

    private static void append(DuckDBAppender a, Table.Type type, Object v) throws SQLException {
        if (v == null) {
            a.appendNull();
            return;
        }
        switch (type) {
            case LONG -> a.append((long) (Long) v);
            case DOUBLE -> a.append((double) (Double) v);
            case STRING -> a.append((String) v);
            case TIMESTAMP -> a.appendEpochMicros(Math.multiplyExact((Long) v, 1000L));
            default -> throw new AssertionError(type);
        }
    }

    private static String sqlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
