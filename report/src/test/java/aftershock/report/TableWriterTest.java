package aftershock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest {
    private static final long T0 = 1_762_178_400_000L; // 2025-11-03T14:00:00Z

    @TempDir
    Path dir;

    private static Table fills() {
        return Table.builder("adl_fills")
                .column("time", Table.Type.TIMESTAMP)
                .column("symbol", Table.Type.STRING)
                .column("account_id", Table.Type.LONG)
                .column("price_usd", Table.Type.DOUBLE)
                .column("note", Table.Type.STRING)
                .row(T0, "BTCUSDT", 17L, 105405.5, "plain")
                .row(T0 + 1_250, "ETHUSDT", 3, 3512.0, "comma, inside")
                .row(Instant.ofEpochMilli(T0 + 60_000), "BTCUSDT", -1L, 0.0001, "she said \"sell\"")
                .row(T0 + 120_000, "BTCUSDT", null, Double.NaN, "line one\nline two")
                .row(T0 + 180_000, "", 5L, 1.27e9, null)
                .build();
    }

    @Test
    void csvHasAHeaderCrlfLinesAndQuotesOnlyFieldsThatNeedIt() throws Exception {
        StringWriter out = new StringWriter();
        TableWriter.writeCsv(fills(), out);

        assertEquals("time,symbol,account_id,price_usd,note\r\n"
                + "2025-11-03T14:00:00Z,BTCUSDT,17,105405.5,plain\r\n"
                + "2025-11-03T14:00:01.250Z,ETHUSDT,3,3512.0,\"comma, inside\"\r\n"
                + "2025-11-03T14:01:00Z,BTCUSDT,-1,0.0001,\"she said \"\"sell\"\"\"\r\n"
                + "2025-11-03T14:02:00Z,BTCUSDT,,,\"line one\nline two\"\r\n"
                + "2025-11-03T14:03:00Z,\"\",5,1270000000.0,\r\n", out.toString());
    }

    @Test
    void csvDecimalsArePlainWithADotWhateverTheLocale() {
        assertEquals("1270000000.0", TableWriter.decimal(1.27e9));
        assertEquals("0.0001", TableWriter.decimal(1e-4));
        assertEquals("-0.5", TableWriter.decimal(-0.5));
        assertEquals("0.0", TableWriter.decimal(-0.0));
        assertEquals("0.1", TableWriter.decimal(0.1), "the shortest decimal that reads back as the same double");
        assertEquals("\"a,b\"", TableWriter.quoted("a,b"));
        assertEquals("a b", TableWriter.quoted("a b"));
    }

    @Test
    void parquetReadsBackInDuckDbWithTheSameRowsTypesAndValues() throws Exception {
        Path file = dir.resolve("out").resolve("adl_fills.parquet");
        TableWriter.writeParquet(fills(), file);

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String from = " FROM read_parquet('" + file + "')";
            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT *" + from)) {
                while (r.next()) {
                    types.add(r.getString("column_name") + " " + r.getString("column_type"));
                }
            }
            assertEquals(List.of("time TIMESTAMP WITH TIME ZONE", "symbol VARCHAR", "account_id BIGINT",
                    "price_usd DOUBLE", "note VARCHAR"), types);
            try (ResultSet r = s.executeQuery("SELECT epoch_ms(time) AS ms, symbol, account_id, price_usd, note"
                    + from + " ORDER BY time")) {
                assertTrue(r.next());
                assertEquals(T0, r.getLong("ms"));
                assertEquals("BTCUSDT", r.getString("symbol"));
                assertEquals(17L, r.getLong("account_id"));
                assertEquals(105405.5, r.getDouble("price_usd"));
                assertEquals("plain", r.getString("note"));
                assertTrue(r.next());
                assertEquals(T0 + 1_250, r.getLong("ms"), "milliseconds kept");
                assertEquals("comma, inside", r.getString("note"));
                assertTrue(r.next());
                assertEquals(-1L, r.getLong("account_id"));
                assertEquals(0.0001, r.getDouble("price_usd"));
                assertEquals("she said \"sell\"", r.getString("note"));
                assertTrue(r.next());
                assertNull(r.getObject("account_id"), "a missing LONG is null");
                assertNull(r.getObject("price_usd"), "NaN is written as a missing value");
                assertEquals("line one\nline two", r.getString("note"));
                assertTrue(r.next());
                assertEquals("", r.getString("symbol"), "an empty string stays an empty string");
                assertEquals(1.27e9, r.getDouble("price_usd"));
                assertNull(r.getObject("note"));
                assertTrue(!r.next(), "five rows");
            }
        }
    }

    @Test
    void aLargeTableKeepsEveryRowInBothFormats() throws Exception {
        Table.Builder b = Table.builder("minutes").column("time", Table.Type.TIMESTAMP)
                .column("close_usd", Table.Type.DOUBLE).column("trades", Table.Type.LONG);
        double sum = 0;
        for (int m = 0; m < 50_000; m++) {
            double close = 100_000 + m * 0.25;
            sum += close;
            b.row(T0 + m * 60_000L, close, (long) m);
        }
        TableWriter.write(b.build(), dir);

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String reader : List.of("read_parquet('" + dir.resolve("minutes.parquet") + "')",
                    "read_csv('" + dir.resolve("minutes.csv") + "', header = true)")) {
                try (ResultSet r = s.executeQuery("SELECT count(*), sum(close_usd), sum(trades), "
                        + "epoch_ms(max(time)) FROM " + reader)) {
                    assertTrue(r.next());
                    assertEquals(50_000L, r.getLong(1), reader);
                    assertEquals(sum, r.getDouble(2), 1e-6, reader);
                    assertEquals(49_999L * 50_000 / 2, r.getLong(3), reader);
                    assertEquals(T0 + 49_999 * 60_000L, r.getLong(4), reader);
                }
            }
        }
    }

    @Test
    void theCsvReadsBackInDuckDbWithQuotedLineBreaksAndQuotes() throws Exception {
        Path file = dir.resolve("adl_fills.csv");
        TableWriter.writeCsv(fills(), file);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).startsWith("time,symbol,"), "no byte-order mark");

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT note FROM read_csv('" + file + "', header = true) ORDER BY time")) {
            List<String> notes = new ArrayList<>();
            while (r.next()) {
                notes.add(r.getString(1));
            }
            assertEquals(5, notes.size());
            assertEquals("she said \"sell\"", notes.get(2));
            assertEquals("line one\nline two", notes.get(3));
        }
    }

    @Test
    void aCellOfTheWrongTypeIsRejectedWithItsRowAndColumn() {
        Table.Builder b = Table.builder("bad").column("qty", Table.Type.LONG).row(1.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("table bad: row 0 column qty is a LONG column but the cell is Double 1.5", e.getMessage());

        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> Table.builder("bad").column("a", Table.Type.LONG).row(1L, 2L).build());
        assertEquals("table bad: row 0 has 2 cells but there are 1 columns", width.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Table.builder("../evil").column("a", Table.Type.LONG).build(),
                "a table name cannot leave the output directory");
        assertThrows(IllegalArgumentException.class, () -> Table.builder("t").column("a", Table.Type.DOUBLE)
                .row(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void rowsAreImmutable() {
        Table t = fills();
        assertThrows(UnsupportedOperationException.class, () -> t.rows().get(0).set(0, 0L));
        assertThrows(UnsupportedOperationException.class, () -> t.rows().remove(0));
    }
}
