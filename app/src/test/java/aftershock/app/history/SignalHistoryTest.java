package aftershock.app.history;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.signals.Signals;
import aftershock.signals.SignalsSnapshot;
import aftershock.signals.gate.FeedState;
import aftershock.signals.gate.GateChange;
import aftershock.signals.gate.GateState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalHistoryTest {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final Map<String, FeedState> FEEDS_OK = Map.of("binance-spot", FeedState.OK, "coinbase",
            FeedState.OK);

    @TempDir
    Path dir;

    // ---- hand-made market events (decimals as text, one time for exchange and receive) ----

    private static long tradeIds;

    private static long d(String decimal) {
        return DecimalE8.parse(decimal);
    }

    private static long midnight(String date) {
        return LocalDate.parse(date).toEpochDay() * DAY;
    }

    private static MarketEvent top(FeedSource source, String symbol, long tsMs, String bid, String ask) {
        return new MarketEvent.BookTop(source, symbol, tsMs, tsMs, d(bid), MarketEvent.ABSENT, d(ask),
                MarketEvent.ABSENT);
    }

    private static MarketEvent mark(FeedSource source, String symbol, long tsMs, String mark, String funding) {
        return new MarketEvent.MarkFunding(source, symbol, tsMs, tsMs, d(mark), MarketEvent.ABSENT, d(funding),
                MarketEvent.ABSENT);
    }

    private static MarketEvent oi(FeedSource source, String symbol, long tsMs, String qty) {
        return new MarketEvent.OpenInterest(source, symbol, tsMs, tsMs, d(qty), MarketEvent.ABSENT);
    }

    private static MarketEvent trade(FeedSource source, String symbol, long tsMs, String price, String qty,
                                     Side aggressor) {
        return new MarketEvent.Trade(source, symbol, tsMs, tsMs, d(price), d(qty), aggressor,
                Long.toString(++tradeIds));
    }

    private static MarketEvent liq(FeedSource source, String symbol, long tsMs, PositionSide side, String price,
                                   String qty, boolean sampled) {
        return new MarketEvent.Liquidation(source, symbol, tsMs, tsMs, side, d(price), d(qty), sampled);
    }

    /** A crash minute: premium −30 US$, BTC and ETH marks with funding, BTC open interest, a sampled long liquidation. */
    private static SignalsSnapshot crashMinute() {
        Signals s = Signals.withDefaults();
        long t = midnight("2025-11-03") + 5 * MINUTE;
        s.accept(top(FeedSource.COINBASE, "BTC-USD", t, "99969", "99971"));
        s.accept(top(FeedSource.BINANCE_SPOT, "BTCUSDT", t, "99999", "100001"));
        s.accept(mark(FeedSource.BINANCE_USDM, "BTCUSDT", t, "100000", "0.0002"));
        s.accept(mark(FeedSource.BINANCE_USDM, "ETHUSDT", t, "3600", "-0.00005"));
        s.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", t, "80000"));
        s.accept(trade(FeedSource.BINANCE_USDM, "BTCUSDT", t, "100000", "1", Side.SELL));
        s.accept(liq(FeedSource.BINANCE_USDM, "BTCUSDT", t, PositionSide.LONG, "99950.5", "2", true));
        return s.snapshot(t + MINUTE, Map.of("coinbase", FeedState.STALE, "binance-usdm", FeedState.OK));
    }

    /**
     * Four negative-premium days with ETF outflows, then recovery (as in the signals' own test): daily snapshots at
     * 00:00 UTC from 31 Oct to 6 Nov, quotes every 5 minutes; the gate goes CAUTION, RISK_OFF, CAUTION, RISK_ON.
     */
    private static List<SignalsSnapshot> novemberThird(Signals s) {
        s.addEtfFlow(LocalDate.parse("2025-10-29"), d("-470.9") * 1_000_000L);
        s.addEtfFlow(LocalDate.parse("2025-10-30"), d("-488.4") * 1_000_000L);
        s.addEtfFlow(LocalDate.parse("2025-10-31"), d("-193.6") * 1_000_000L);
        s.addEtfFlow(LocalDate.parse("2025-11-03"), d("-186.5") * 1_000_000L);
        s.addEtfFlow(LocalDate.parse("2025-11-04"), d("-566.4") * 1_000_000L);
        s.addEtfFlow(LocalDate.parse("2025-11-05"), d("240") * 1_000_000L);
        List<SignalsSnapshot> daily = new ArrayList<>();
        long start = midnight("2025-10-31");
        long turn = midnight("2025-11-04");
        for (long t = start; t <= midnight("2025-11-06"); t += 5 * MINUTE) {
            if ((t - start) % DAY == 0) {
                daily.add(s.snapshot(t, FEEDS_OK));
            }
            String us = t < turn ? "99970" : "100030";
            s.accept(top(FeedSource.COINBASE, "BTC-USD", t, DecimalE8.format(d(us) - 1_000_000),
                    DecimalE8.format(d(us) + 1_000_000)));
            s.accept(top(FeedSource.BINANCE_SPOT, "BTCUSDT", t, "99999.99", "100000.01"));
        }
        return daily;
    }

    /** The same snapshot at another time (the 100,000-row measure re-stamps one realistic snapshot). */
    private static SignalsSnapshot at(long tsMs, SignalsSnapshot s) {
        return new SignalsSnapshot(tsMs, s.premium(), s.etf(), s.ethBtc(), s.perps(), s.liquidations(), s.adl(),
                s.values(), s.gate(), s.feeds());
    }

    // ---- reading the file back, independently of SignalHistory ----

    private static Connection duckdb(Path file) throws SQLException {
        return DriverManager.getConnection(file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath());
    }

    /** Every row of a query, each column as an Object (BigDecimal for decimals, null for NULL). */
    private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof java.sql.Array ? Arrays.asList((Object[]) ((java.sql.Array) v).getArray())
                            : v);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Object one(Connection c, String sql) throws SQLException {
        List<List<Object>> r = rows(c, sql);
        assertEquals(1, r.size(), sql);
        assertEquals(1, r.get(0).size(), sql);
        return r.get(0).get(0);
    }

    private static long e8(Object decimal) {
        return SignalHistory.e8((BigDecimal) decimal);
    }

    private static String sqlPath(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    // ---- the tests ----

    @Test
    void aSnapshotReadsBackWithExactDecimalsAfterReopening() throws Exception {
        SignalsSnapshot snap = crashMinute();
        Path db = dir.resolve("history.duckdb");
        try (SignalHistory h = SignalHistory.open(db)) {
            h.record(snap);
        }
        try (Connection c = duckdb(db)) {
            List<List<Object>> r = rows(c, "SELECT ts, premium_pct, premium_usd, premium_smoothed_pct, "
                    + "premium_negative_days, etf_day, etf_net_flow_usd, eth_btc, liquidations_window, "
                    + "liquidations_long_usd, liquidations_short_usd, liquidations_lower_bound, adl_risk_max, "
                    + "adl_alerts, gate_state, exposure_pct, reasons FROM snapshots");
            assertEquals(1, r.size());
            List<Object> row = r.get(0);
            assertEquals(snap.tsMs(), row.get(0));
            assertEquals(d("-0.03"), e8(row.get(1)));
            assertEquals(snap.premium().pctE8(), e8(row.get(1)));
            assertEquals(new BigDecimal("-30.00000000"), row.get(2));
            assertNull(row.get(3), "no moving average after one sample");
            assertNull(row.get(4), "no daily close yet");
            assertNull(row.get(5), "no ETF day");
            assertNull(row.get(6));
            assertEquals(d("0.036"), e8(row.get(7)));
            assertEquals("24h", row.get(8));
            assertEquals(d("199901"), e8(row.get(9)));
            assertEquals(0L, e8(row.get(10)));
            assertEquals(Boolean.TRUE, row.get(11));
            assertNull(row.get(12), "no ADL level");
            assertEquals(0, row.get(13));
            assertEquals("CAUTION", row.get(14));
            assertEquals(d("50"), e8(row.get(15)));
            assertEquals(List.of("feed coinbase stale"), row.get(16));

            assertEquals(List.of(
                    List.of("BTCUSDT", new BigDecimal("100000.00000000"), new BigDecimal("80000.00000000"),
                            new BigDecimal("8000000000.00000000"), new BigDecimal("0.00020000"), "NO_FLUSH"),
                    Arrays.asList("ETHUSDT", new BigDecimal("3600.00000000"), null, null,
                            new BigDecimal("-0.00005000"), "NO_FLUSH")),
                    rows(c, "SELECT symbol, price, open_interest_qty, open_interest_usd, funding_rate, leverage "
                            + "FROM perps WHERE ts = " + snap.tsMs() + " ORDER BY symbol"));
            assertEquals(List.of(List.of("1h", 3_600_000L, d("199901"), 0L, 1L, true),
                    List.of("24h", 86_400_000L, d("199901"), 0L, 1L, true)),
                    rows(c, "SELECT window_label, window_ms, long_usd, short_usd, events, lower_bound "
                            + "FROM liquidations ORDER BY window_ms").stream()
                            .map(x -> List.of(x.get(0), x.get(1), e8(x.get(2)), e8(x.get(3)), x.get(4), x.get(5)))
                            .toList());
            assertEquals(List.of(List.of("binance-usdm", "ok"), List.of("coinbase", "stale")),
                    rows(c, "SELECT source, state FROM feeds ORDER BY source"));
            assertEquals(List.of("1h", "24h", "7d"),
                    rows(c, "SELECT window_label FROM eth_btc_changes ORDER BY rowid").stream()
                            .map(x -> x.get(0)).toList());
            assertEquals("DECIMAL(38,8)", one(c, "SELECT data_type FROM information_schema.columns "
                    + "WHERE table_name = 'snapshots' AND column_name = 'premium_pct'"));
        }
    }

    @Test
    void extremeE8ValuesAreStoredExactlyAndAbsentIsNull() throws Exception {
        SignalsSnapshot base = crashMinute();
        long[] values = {Long.MAX_VALUE, Long.MIN_VALUE + 1, 1, -1};
        SignalsSnapshot.Premium p = new SignalsSnapshot.Premium(values[0], values[1], values[2], values[3], 0, 0,
                0, 0);
        SignalsSnapshot extreme = new SignalsSnapshot(base.tsMs(), p, base.etf(), base.ethBtc(), base.perps(),
                base.liquidations(), base.adl(), base.values(), base.gate(), base.feeds());
        Path db = dir.resolve("extreme.duckdb");
        try (SignalHistory h = SignalHistory.open(db)) {
            h.record(extreme);
        }
        try (Connection c = duckdb(db)) {
            List<Object> row = rows(c, "SELECT premium_pct, premium_usd, premium_smoothed_pct, premium_smoothed_usd, "
                    + "CAST(premium_pct AS VARCHAR) FROM snapshots").get(0);
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i], e8(row.get(i)), "column " + i);
            }
            assertEquals("92233720368.54775807", row.get(4));
            assertNull(one(c, "SELECT open_interest_usd FROM perps WHERE symbol = 'ETHUSDT'"));
        }
    }

    @Test
    void gateChangesAndStatesReadBackInOrder() throws Exception {
        Signals s = Signals.withDefaults();
        List<SignalsSnapshot> daily = novemberThird(s);
        Path db = dir.resolve("nov3.duckdb");
        try (SignalHistory h = SignalHistory.open(db)) {
            for (SignalsSnapshot snap : daily) {
                h.record(snap);
            }
            for (GateChange c : s.gateChanges()) {
                h.recordGateChange(c);
            }
        }
        try (SignalHistory h = SignalHistory.open(db)) {
            assertEquals(s.gateChanges(), h.gateChanges());
            assertNull(h.gateChanges().get(0).from());
            assertEquals(List.of(GateState.CAUTION, GateState.CAUTION, GateState.CAUTION, GateState.RISK_OFF,
                    GateState.RISK_OFF, GateState.CAUTION, GateState.RISK_ON),
                    h.gateStates().stream().map(GateStateRow::state).toList());
            assertEquals(daily.stream().map(x -> new GateStateRow(x.tsMs(), x.gate().state(),
                    x.gate().exposurePctE8())).toList(), h.gateStates());
        }
        try (Connection c = duckdb(db)) {
            // 4 Nov 00:00: premium negative 4 days, ETF outflows 4 days, the streak's exact total
            List<Object> row = rows(c, "SELECT premium_negative_days, premium_positive_days, etf_day, "
                    + "etf_outflow_days, etf_streak_flow_usd, etf_net_flow_usd, reasons FROM snapshots WHERE ts = "
                    + midnight("2025-11-04")).get(0);
            assertEquals(4, row.get(0));
            assertEquals(0, row.get(1));
            assertEquals(LocalDate.parse("2025-11-03"), row.get(2));
            assertEquals(4, row.get(3));
            assertEquals(new BigDecimal("-1339400000.00000000"), row.get(4));
            assertEquals(d("-186.5") * 1_000_000L, e8(row.get(5)));
            assertEquals(daily.get(4).gate().reasons(), row.get(6));
        }
    }

    @Test
    void exportsOneParquetAndOneCsvFilePerTableWithTheSameRows() throws Exception {
        Signals s = Signals.withDefaults();
        List<SignalsSnapshot> daily = novemberThird(s);
        Path db = dir.resolve("history.duckdb");
        Path parquet = dir.resolve("export/parquet");
        Path csv = dir.resolve("export/csv");
        long[] counts = new long[SignalHistory.TABLES.size()];
        try (SignalHistory h = SignalHistory.open(db)) {
            for (SignalsSnapshot snap : daily) {
                h.record(snap);
            }
            h.record(crashMinute());
            for (GateChange c : s.gateChanges()) {
                h.recordGateChange(c);
            }
            assertEquals(SignalHistory.TABLES.stream().map(t -> parquet.resolve(t + ".parquet").toAbsolutePath())
                    .toList(), h.exportParquet(parquet));
            assertEquals(SignalHistory.TABLES.stream().map(t -> csv.resolve(t + ".csv").toAbsolutePath()).toList(),
                    h.exportCsv(csv));
            for (int i = 0; i < counts.length; i++) {
                counts[i] = h.rowCount(SignalHistory.TABLES.get(i));
            }
        }
        assertEquals(List.of(8L, 16L, 16L, 24L, 16L, 4L),
                Arrays.stream(counts).boxed().toList(), "rows per table " + SignalHistory.TABLES);
        try (Connection c = duckdb(null)) {
            for (int i = 0; i < counts.length; i++) {
                String table = SignalHistory.TABLES.get(i);
                assertEquals(counts[i], one(c, "SELECT count(*) FROM read_parquet("
                        + sqlPath(parquet.resolve(table + ".parquet")) + ")"), table);
                assertEquals(counts[i], one(c, "SELECT count(*) FROM read_csv_auto("
                        + sqlPath(csv.resolve(table + ".csv")) + ")"), table);
            }
            // Parquet keeps the types: exact decimals, lists of reasons, time order.
            String snapshots = "read_parquet(" + sqlPath(parquet.resolve("snapshots.parquet")) + ")";
            assertEquals("DECIMAL(38,8)", one(c, "SELECT typeof(exposure_pct) FROM " + snapshots + " LIMIT 1"));
            // the crash minute (3 Nov 00:06) was recorded last and is exported in time order
            List<Long> times = new ArrayList<>(daily.stream().map(SignalsSnapshot::tsMs).toList());
            times.add(4, midnight("2025-11-03") + 6 * MINUTE);
            assertEquals(times, rows(c, "SELECT ts FROM " + snapshots).stream().map(x -> x.get(0)).toList());
            assertEquals(new BigDecimal("-1339400000.00000000"), one(c, "SELECT etf_streak_flow_usd FROM " + snapshots
                    + " WHERE ts = " + midnight("2025-11-04")));
            assertEquals(daily.get(4).gate().reasons(), one(c, "SELECT reasons FROM " + snapshots + " WHERE ts = "
                    + midnight("2025-11-04")));
            String changes = "read_parquet(" + sqlPath(parquet.resolve("gate_changes.parquet")) + ")";
            assertEquals(s.gateChanges().stream().map(x -> Arrays.asList(x.tsMs(),
                            x.from() == null ? null : x.from().name(), x.to().name(),
                            BigDecimal.valueOf(x.exposurePctE8(), 8))).toList(),
                    rows(c, "SELECT ts, from_state, to_state, exposure_pct FROM " + changes));
            assertEquals(new BigDecimal("8000000000.00000000"), one(c, "SELECT open_interest_usd FROM read_parquet("
                    + sqlPath(parquet.resolve("perps.parquet")) + ") WHERE symbol = 'BTCUSDT' AND "
                    + "open_interest_usd IS NOT NULL"));

            // CSV: decimals as exact text with 8 places, NULL empty, reasons one JSON array field.
            String snapshotsCsv = "read_csv_auto(" + sqlPath(csv.resolve("snapshots.csv")) + ", all_varchar = true)";
            assertEquals(Arrays.asList("-0.03000000", "-30.00000000", null, "CAUTION", "50.00000000",
                            "[\"feed coinbase stale\"]"),
                    rows(c, "SELECT premium_pct, premium_usd, etf_day, gate_state, exposure_pct, reasons FROM "
                            + snapshotsCsv + " WHERE liquidations_long_usd = '199901.00000000'").get(0));
            assertEquals("-1339400000.00000000", one(c, "SELECT etf_streak_flow_usd FROM " + snapshotsCsv
                    + " WHERE ts = '" + midnight("2025-11-04") + "'"));
            assertEquals(daily.get(4).gate().reasons(), rows(c, "SELECT unnest(CAST(json(reasons) AS VARCHAR[])) FROM "
                    + snapshotsCsv + " WHERE ts = '" + midnight("2025-11-04") + "'").stream()
                    .map(x -> x.get(0)).toList());
            String header = Files.readAllLines(csv.resolve("gate_changes.csv")).get(0);
            assertEquals("ts,from_state,to_state,exposure_pct,reasons", header);
        }
    }

    @Test
    void reopeningAnExistingDatabaseAppends() {
        SignalsSnapshot snap = crashMinute();
        Path db = dir.resolve("append.duckdb");
        try (SignalHistory h = SignalHistory.open(db)) {
            h.record(snap);
            h.record(at(snap.tsMs() + MINUTE, snap));
        }
        try (SignalHistory h = SignalHistory.open(db)) {
            assertEquals(2, h.rowCount("snapshots"));
            h.record(at(snap.tsMs() + 2 * MINUTE, snap));
            h.recordGateChange(new GateChange(snap.tsMs(), null, GateState.CAUTION, d("50"), List.of("a, b; c")));
        }
        try (SignalHistory h = SignalHistory.open(db)) {
            assertEquals(List.of(snap.tsMs(), snap.tsMs() + MINUTE, snap.tsMs() + 2 * MINUTE),
                    h.gateStates().stream().map(GateStateRow::tsMs).toList());
            assertEquals(6, h.rowCount("perps"));
            assertEquals(6, h.rowCount("feeds"));
            assertEquals(List.of(new GateChange(snap.tsMs(), null, GateState.CAUTION, d("50"), List.of("a, b; c"))),
                    h.gateChanges());
        }
    }

    @Test
    void aDayOfOneMinuteUpdatesSpansSeveralCommitsAndLosesNone() {
        SignalsSnapshot snap = crashMinute();
        Path db = dir.resolve("day.duckdb");
        long start = midnight("2025-11-03");
        try (SignalHistory h = SignalHistory.open(db, 100)) {
            for (int m = 0; m < 1_440; m++) {
                h.record(at(start + m * MINUTE, snap));
            }
        }
        try (SignalHistory h = SignalHistory.open(db)) {
            assertEquals(1_440, h.rowCount("snapshots"));
            assertEquals(2 * 1_440, h.rowCount("perps"));
            assertEquals(3 * 1_440, h.rowCount("eth_btc_changes"));
            assertEquals(start + 1_439 * MINUTE, h.gateStates().get(1_439).tsMs());
        }
    }

    @Test
    void aPathInAMissingDirectoryIsAnErrorNamingThePath() {
        Path db = dir.resolve("no-such-dir").resolve("history.duckdb");
        SignalHistoryException e = assertThrows(SignalHistoryException.class, () -> SignalHistory.open(db));
        assertTrue(e.getMessage().startsWith(db + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(Files.notExists(db.getParent()), "nothing created");
    }

    @Test
    void aFileThatIsNotADuckDbDatabaseIsAnErrorNamingThePath() throws Exception {
        Path db = dir.resolve("notes.txt");
        Files.writeString(db, "not a database\n".repeat(1000));
        SignalHistoryException e = assertThrows(SignalHistoryException.class, () -> SignalHistory.open(db));
        assertTrue(e.getMessage().startsWith(db + ": "), e.getMessage());
        SignalHistoryException d = assertThrows(SignalHistoryException.class, () -> SignalHistory.open(dir));
        assertTrue(d.getMessage().startsWith(dir + ": is a directory"), d.getMessage());
    }

    @Test
    void anUnknownTableIsRefusedAndAClosedHistoryRefusesRecords() {
        SignalHistory h = SignalHistory.open(dir.resolve("closed.duckdb"));
        assertThrows(IllegalArgumentException.class, () -> h.rowCount("snapshots; DROP TABLE perps"));
        h.close();
        h.close();
        assertThrows(IllegalStateException.class, () -> h.record(crashMinute()));
    }

    /**
     * The insert rate for 100,000 snapshots (each 1 + 2 perps + 2 liquidation windows + 3 ETH/BTC windows + 2 feeds
     * = 10 rows), printed, not asserted: {@code mvn -pl app test -Dtest=SignalHistoryTest -Dhistory.measure=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "history.measure", matches = "true")
    void measureTheInsertRateOfOneHundredThousandSnapshots() {
        int n = Integer.getInteger("history.snapshots", 100_000);
        SignalsSnapshot snap = crashMinute();
        List<SignalsSnapshot> snapshots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            snapshots.add(at(snap.tsMs() + i * MINUTE, snap));
        }
        Path db = dir.resolve("measure.duckdb");
        long t0 = System.nanoTime();
        try (SignalHistory h = SignalHistory.open(db)) {
            for (SignalsSnapshot x : snapshots) {
                h.record(x);
            }
        }
        long nanos = System.nanoTime() - t0;
        try (SignalHistory h = SignalHistory.open(db)) {
            assertEquals(n, h.rowCount("snapshots"));
            assertEquals(2L * n, h.rowCount("perps"));
            long t1 = System.nanoTime();
            h.exportParquet(dir.resolve("measure-parquet"));
            long exportNanos = System.nanoTime() - t1;
            System.out.printf(Locale.ROOT, "history: %d snapshots in %.2f s = %.0f snapshots/s (%.0f rows/s); "
                            + "Parquet export %.2f s; file %d bytes%n", n, nanos / 1e9, n / (nanos / 1e9),
                    10.0 * n / (nanos / 1e9), exportNanos / 1e9, db.toFile().length());
        }
    }
}
