package aftershock.app.history;

import aftershock.feeds.MarketEvent;
import aftershock.signals.SignalsSnapshot;
import aftershock.signals.gate.FeedState;
import aftershock.signals.gate.GateChange;
import aftershock.signals.gate.GateState;
import aftershock.signals.levels.LiquidationMap.Cluster;
import aftershock.signals.levels.VolumeProfile.Zone;
import aftershock.signals.liquidation.Liquidations;
import aftershock.signals.series.WindowLabel;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The monitor's history: every {@link SignalsSnapshot} and every gate change, in an embedded DuckDB database file,
 * exportable to Parquet and CSV (one file per table). Cold path: clarity first, but rows go through DuckDB's appenders
 * (one per table), flushed (committed) every {@code commitEverySnapshots} snapshots: prepared-statement inserts ran at
 * about 260 snapshots/s here, too slow for a replay of a month of one-minute updates.
 *
 * <p>Decimals are exact: every E8 value is stored as {@code DECIMAL(38,8)} from {@code BigDecimal.valueOf(e8, 8)},
 * never through a double; an ABSENT value (no data yet) is NULL. Times are epoch milliseconds ({@code ts BIGINT}).
 * Tables (schema version {@value #SCHEMA_VERSION}):
 * <ul>
 *   <li>{@code snapshots}: one row per update: the scalar signals, the longest liquidation window's totals, the
 *       gate's state, exposure and reasons (a {@code VARCHAR[]}).</li>
 *   <li>{@code perps}: one row per update and perpetual, keyed by {@code (ts, symbol)}.</li>
 *   <li>{@code liquidations}: one row per update and liquidation window ({@code 1h}, {@code 24h}).</li>
 *   <li>{@code eth_btc_changes}: one row per update and ETH/BTC change window.</li>
 *   <li>{@code feeds}: one row per update and watched source: {@code ok}, {@code stale} or {@code down}.</li>
 *   <li>{@code gate_changes}: one row per change of the gate's state ({@code from_state} NULL for the first).</li>
 * </ul>
 * Opening an existing file appends to it. Not thread-safe: one monitor session writes it.
 */
public final class SignalHistory implements AutoCloseable {
    /** The layout written by this class; a file with another version is refused rather than misread. */
    public static final int SCHEMA_VERSION = 1;
    /** Snapshots per transaction unless told otherwise: a commit costs a file sync, a snapshot a few rows. */
    public static final int COMMIT_EVERY_SNAPSHOTS_DEFAULT = 1_000;
    /** The tables, in export order. */
    public static final List<String> TABLES = List.of("snapshots", "perps", "liquidations", "eth_btc_changes",
            "feeds", "gate_changes");

    private static final String DECIMAL = "DECIMAL(38,8)";
    private static final int SCALE = 8;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS snapshots ("
                + "ts BIGINT NOT NULL, "
                + "premium_pct " + DECIMAL + ", premium_usd " + DECIMAL + ", "
                + "premium_smoothed_pct " + DECIMAL + ", premium_smoothed_usd " + DECIMAL + ", "
                + "premium_negative_days INTEGER, premium_positive_days INTEGER, "
                + "premium_negative_hours " + DECIMAL + ", premium_positive_hours " + DECIMAL + ", "
                + "etf_day DATE, etf_net_flow_usd " + DECIMAL + ", etf_outflow_days INTEGER, "
                + "etf_inflow_days INTEGER, etf_streak_flow_usd " + DECIMAL + ", "
                + "eth_btc " + DECIMAL + ", eth_drawdown_pct " + DECIMAL + ", btc_drawdown_pct " + DECIMAL + ", "
                + "eth_btc_drawdown_ratio " + DECIMAL + ", "
                + "liquidations_window VARCHAR, liquidations_long_usd " + DECIMAL + ", "
                + "liquidations_short_usd " + DECIMAL + ", liquidations_lower_bound BOOLEAN, "
                + "adl_risk_max INTEGER, adl_alerts INTEGER NOT NULL, adl_alerts_total BIGINT NOT NULL, "
                + "adl_reviews INTEGER NOT NULL, "
                + "gate_state VARCHAR NOT NULL, exposure_pct " + DECIMAL + " NOT NULL, reasons VARCHAR[] NOT NULL)",
        "CREATE TABLE IF NOT EXISTS perps ("
                + "ts BIGINT NOT NULL, symbol VARCHAR NOT NULL, "
                + "price " + DECIMAL + ", open_interest_qty " + DECIMAL + ", open_interest_usd " + DECIMAL + ", "
                + "funding_rate " + DECIMAL + ", oi_rebuild_pct_per_day " + DECIMAL + ", "
                + "oi_flush_drop_pct " + DECIMAL + ", leverage VARCHAR NOT NULL, "
                + "long_cluster_low " + DECIMAL + ", long_cluster_high " + DECIMAL + ", "
                + "long_cluster_notional_usd " + DECIMAL + ", long_cluster_distance_pct " + DECIMAL + ", "
                + "short_cluster_low " + DECIMAL + ", short_cluster_high " + DECIMAL + ", "
                + "short_cluster_notional_usd " + DECIMAL + ", short_cluster_distance_pct " + DECIMAL + ", "
                + "support_low " + DECIMAL + ", support_high " + DECIMAL + ", support_volume " + DECIMAL + ", "
                + "resistance_low " + DECIMAL + ", resistance_high " + DECIMAL + ", "
                + "resistance_volume " + DECIMAL + ")",
        "CREATE TABLE IF NOT EXISTS liquidations ("
                + "ts BIGINT NOT NULL, window_label VARCHAR NOT NULL, window_ms BIGINT NOT NULL, "
                + "long_usd " + DECIMAL + " NOT NULL, short_usd " + DECIMAL + " NOT NULL, events BIGINT NOT NULL, "
                + "lower_bound BOOLEAN NOT NULL)",
        "CREATE TABLE IF NOT EXISTS eth_btc_changes ("
                + "ts BIGINT NOT NULL, window_label VARCHAR NOT NULL, change_pct " + DECIMAL + ")",
        "CREATE TABLE IF NOT EXISTS feeds (ts BIGINT NOT NULL, source VARCHAR NOT NULL, state VARCHAR NOT NULL)",
        "CREATE TABLE IF NOT EXISTS gate_changes ("
                + "ts BIGINT NOT NULL, from_state VARCHAR, to_state VARCHAR NOT NULL, "
                + "exposure_pct " + DECIMAL + " NOT NULL, reasons VARCHAR[] NOT NULL)",
    };

    private final Path file;
    private final Connection connection;
    private final int commitEverySnapshots;
    private final DuckDBAppender snapshots;
    private final DuckDBAppender perps;
    private final DuckDBAppender liquidations;
    private final DuckDBAppender ethBtcChanges;
    private final DuckDBAppender feeds;
    private final DuckDBAppender gateChanges;
    private int uncommittedSnapshots;
    private boolean uncommitted;
    private boolean closed;

    private SignalHistory(Path file, Connection connection, int commitEverySnapshots) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.commitEverySnapshots = commitEverySnapshots;
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        this.snapshots = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "snapshots");
        this.perps = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "perps");
        this.liquidations = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "liquidations");
        this.ethBtcChanges = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "eth_btc_changes");
        this.feeds = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "feeds");
        this.gateChanges = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "gate_changes");
    }

    /** Opens (creating it and its tables if needed) the history in {@code dbFile}; commits every 1,000 snapshots. */
    public static SignalHistory open(Path dbFile) {
        return open(dbFile, COMMIT_EVERY_SNAPSHOTS_DEFAULT);
    }

    /**
     * Opens (creating it and its tables if needed) the history in {@code dbFile}, appending to what it holds. Its
     * directory must exist. {@code commitEverySnapshots}: snapshots per transaction (1 commits each; a live monitor
     * can also {@link #flush()} after every update so that a crash loses nothing).
     *
     * @throws SignalHistoryException naming the file: missing directory, not a DuckDB file, locked, other version
     */
    public static SignalHistory open(Path dbFile, int commitEverySnapshots) {
        if (commitEverySnapshots < 1) {
            throw new IllegalArgumentException("commitEverySnapshots must be at least 1, was " + commitEverySnapshots);
        }
        Path absolute = dbFile.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new SignalHistoryException(dbFile + ": cannot create the history database: directory " + dir
                    + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new SignalHistoryException(dbFile + ": is a directory, not a history database file");
        }
        if (absolute.toString().indexOf('?') >= 0) {
            // The driver reads what follows '?' in its URL as options.
            throw new SignalHistoryException(dbFile + ": a history database path cannot contain '?'");
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:" + absolute, new Properties());
        } catch (SQLException e) {
            throw new SignalHistoryException(dbFile + ": cannot open as a DuckDB database (" + firstLine(e) + ")", e);
        }
        try {
            createSchema(connection, dbFile);
            return new SignalHistory(dbFile, connection, commitEverySnapshots);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof SignalHistoryException) {
                throw (SignalHistoryException) e;
            }
            throw new SignalHistoryException(dbFile + ": cannot prepare the history tables (" + firstLine(e) + ")",
                    e);
        }
    }

    private static void createSchema(Connection connection, Path dbFile) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String ddl : SCHEMA) {
                st.execute(ddl);
            }
            List<Integer> versions = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT version FROM schema_info")) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            if (versions.isEmpty()) {
                st.execute("INSERT INTO schema_info VALUES (" + SCHEMA_VERSION + ")");
            } else if (versions.size() != 1 || versions.get(0) != SCHEMA_VERSION) {
                throw new SignalHistoryException(dbFile + ": history schema version " + versions
                        + ", this version of aftershock reads version " + SCHEMA_VERSION);
            }
        }
    }

    /** The database file as given to {@link #open}. */
    public Path file() {
        return file;
    }

    /** Records one update: its scalar signals, perpetuals, liquidation and ETH/BTC windows, feeds and the gate. */
    public void record(SignalsSnapshot s) {
        checkOpen();
        try {
            long ts = s.tsMs();
            appendSnapshot(s);
            for (Map.Entry<String, SignalsSnapshot.PerpValues> e : s.perps().entrySet()) {
                appendPerp(ts, e.getKey(), e.getValue());
            }
            for (Liquidations.Totals t : s.liquidations()) {
                DuckDBAppender a = liquidations.beginRow();
                a.append(ts).append(WindowLabel.of(t.windowMs())).append(t.windowMs());
                decimal(a, t.longUsdE8());
                decimal(a, t.shortUsdE8());
                a.append(t.count()).append(t.lowerBound()).endRow();
            }
            for (Map.Entry<String, Long> e : s.ethBtc().changePctE8().entrySet()) {
                DuckDBAppender a = ethBtcChanges.beginRow().append(ts).append(e.getKey());
                decimal(a, e.getValue() == null ? MarketEvent.ABSENT : e.getValue());
                a.endRow();
            }
            for (Map.Entry<String, FeedState> e : s.feeds().entrySet()) {
                feeds.beginRow().append(ts).append(e.getKey()).append(e.getValue().id()).endRow();
            }
        } catch (SQLException e) {
            throw failure("cannot record the snapshot at ts " + s.tsMs(), e);
        }
        uncommitted = true;
        if (++uncommittedSnapshots >= commitEverySnapshots) {
            flush();
        }
    }

    private void appendSnapshot(SignalsSnapshot s) throws SQLException {
        SignalsSnapshot.Premium premium = s.premium();
        SignalsSnapshot.Etf etf = s.etf();
        SignalsSnapshot.EthBtcValues eb = s.ethBtc();
        // Streaks and hours are null without data, exactly as the gate's inputs are.
        boolean premiumKnown = s.values().get("coinbasePremiumNegativeDays") != null;
        boolean hoursKnown = s.values().get("coinbasePremiumNegativeHours") != null;
        boolean etfKnown = etf.day() != null;
        DuckDBAppender a = snapshots.beginRow().append(s.tsMs());
        decimal(a, premium.pctE8());
        decimal(a, premium.usdE8());
        decimal(a, premium.smoothedPctE8());
        decimal(a, premium.smoothedUsdE8());
        integer(a, premiumKnown, premium.negativeDays());
        integer(a, premiumKnown, premium.positiveDays());
        decimal(a, hoursKnown ? premium.negativeHoursE8() : MarketEvent.ABSENT);
        decimal(a, hoursKnown ? premium.positiveHoursE8() : MarketEvent.ABSENT);
        if (etfKnown) {
            a.append(etf.day());
        } else {
            a.appendNull();
        }
        decimal(a, etfKnown ? etf.netFlowUsdE8() : MarketEvent.ABSENT);
        integer(a, etfKnown, etf.outflowDays());
        integer(a, etfKnown, etf.inflowDays());
        decimal(a, etfKnown ? etf.streakFlowUsdE8() : MarketEvent.ABSENT);
        decimal(a, eb.ratioE8());
        decimal(a, eb.ethDrawdownPctE8());
        decimal(a, eb.btcDrawdownPctE8());
        decimal(a, eb.relativeDrawdownE8());
        Liquidations.Totals longest = null;
        for (Liquidations.Totals t : s.liquidations()) {
            if (longest == null || t.windowMs() > longest.windowMs()) {
                longest = t;
            }
        }
        if (longest == null) {
            a.appendNull().appendNull().appendNull().appendNull();
        } else {
            a.append(WindowLabel.of(longest.windowMs()));
            decimal(a, longest.longUsdE8());
            decimal(a, longest.shortUsdE8());
            a.append(longest.lowerBound());
        }
        SignalsSnapshot.Adl adl = s.adl();
        integer(a, adl.maxLevel() != 0, adl.maxLevel());
        a.append(adl.alertsInWindow()).append(adl.alertsTotal()).append(adl.reviewsInWindow());
        a.append(s.gate().state().name());
        decimal(a, s.gate().exposurePctE8());
        a.append(s.gate().reasons()).endRow();
    }

    private void appendPerp(long ts, String symbol, SignalsSnapshot.PerpValues v) throws SQLException {
        DuckDBAppender a = perps.beginRow().append(ts).append(symbol);
        decimal(a, v.priceE8());
        decimal(a, v.openInterestQtyE8());
        decimal(a, v.openInterestUsdE8());
        decimal(a, v.fundingRateE8());
        decimal(a, v.rebuildPctPerDayE8());
        decimal(a, v.flushDropPctE8());
        a.append(v.leverage().name());
        cluster(a, v.longClusterBelow());
        cluster(a, v.shortClusterAbove());
        zone(a, v.support());
        zone(a, v.resistance());
        a.endRow();
    }

    private static void cluster(DuckDBAppender a, Cluster c) throws SQLException {
        boolean known = c != null;
        decimal(a, known ? c.priceLowE8() : MarketEvent.ABSENT);
        decimal(a, known ? c.priceHighE8() : MarketEvent.ABSENT);
        decimal(a, known ? c.notionalUsdE8() : MarketEvent.ABSENT);
        decimal(a, known ? c.distancePctE8() : MarketEvent.ABSENT);
    }

    private static void zone(DuckDBAppender a, Zone z) throws SQLException {
        boolean known = z != null;
        decimal(a, known ? z.lowE8() : MarketEvent.ABSENT);
        decimal(a, known ? z.highE8() : MarketEvent.ABSENT);
        decimal(a, known ? z.volumeQtyE8() : MarketEvent.ABSENT);
    }

    /** Records one change of the gate's state (committed with the next batch of snapshots, or by {@link #flush}). */
    public void recordGateChange(GateChange change) {
        checkOpen();
        try {
            DuckDBAppender a = gateChanges.beginRow().append(change.tsMs());
            if (change.from() == null) {
                a.appendNull();
            } else {
                a.append(change.from().name());
            }
            a.append(change.to().name());
            decimal(a, change.exposurePctE8());
            a.append(change.reasons()).endRow();
        } catch (SQLException e) {
            throw failure("cannot record the gate change at ts " + change.tsMs(), e);
        }
        uncommitted = true;
    }

    /** Writes (commits) everything recorded so far. */
    public void flush() {
        checkOpen();
        if (!uncommitted) {
            return;
        }
        try {
            // Each appender's flush commits its table's rows (the connection auto-commits); a crash between two
            // flushes can leave one batch in some tables only, never a partial row.
            for (DuckDBAppender a : List.of(snapshots, perps, liquidations, ethBtcChanges, feeds, gateChanges)) {
                a.flush();
            }
        } catch (SQLException e) {
            throw failure("cannot commit", e);
        }
        uncommitted = false;
        uncommittedSnapshots = 0;
    }

    /**
     * Writes every table to {@code dir/<table>.parquet} (created or replaced; {@code dir} created if missing), rows in
     * time order then recording order. Decimals stay {@code DECIMAL(38,8)}, reasons a list of strings.
     *
     * @return the files written, in {@link #TABLES} order
     */
    public List<Path> exportParquet(Path dir) {
        return export(dir, ".parquet", "FORMAT PARQUET", false);
    }

    /**
     * Writes every table to {@code dir/<table>.csv} with a header line (created or replaced; {@code dir} created if
     * missing), rows in time order then recording order. Decimals are plain with 8 places, NULL is an empty field,
     * and reasons are one field holding a JSON array of strings (a reason may contain commas and semicolons).
     *
     * @return the files written, in {@link #TABLES} order
     */
    public List<Path> exportCsv(Path dir) {
        return export(dir, ".csv", "FORMAT CSV, HEADER", true);
    }

    private List<Path> export(Path dir, String extension, String options, boolean reasonsAsJson) {
        flush();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new SignalHistoryException(dir + ": cannot create the export directory (" + e.getMessage() + ")",
                    e);
        }
        List<Path> written = new ArrayList<>();
        for (String table : TABLES) {
            Path out = dir.resolve(table + extension).toAbsolutePath();
            boolean hasReasons = table.equals("snapshots") || table.equals("gate_changes");
            String columns = reasonsAsJson && hasReasons ? "* REPLACE (CAST(to_json(reasons) AS VARCHAR) AS reasons)"
                    : "*";
            String sql = "COPY (SELECT " + columns + " FROM " + table + " ORDER BY ts, rowid) TO "
                    + literal(out.toString()) + " (" + options + ")";
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new SignalHistoryException(out + ": cannot export table " + table + " from " + file + " ("
                        + firstLine(e) + ")", e);
            }
            written.add(out);
        }
        return written;
    }

    /** The gate's state at every recorded update, oldest first (equal times in recording order). */
    public List<GateStateRow> gateStates() {
        flush();
        List<GateStateRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT ts, gate_state, exposure_pct FROM snapshots ORDER BY ts, rowid")) {
            while (rs.next()) {
                rows.add(new GateStateRow(rs.getLong(1), GateState.valueOf(rs.getString(2)), e8(rs.getBigDecimal(3))));
            }
        } catch (SQLException e) {
            throw failure("cannot read the gate states", e);
        }
        return rows;
    }

    /** Every recorded gate change, oldest first (equal times in recording order). */
    public List<GateChange> gateChanges() {
        flush();
        List<GateChange> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT ts, from_state, to_state, exposure_pct, reasons FROM gate_changes "
                     + "ORDER BY ts, rowid")) {
            while (rs.next()) {
                String from = rs.getString(2);
                rows.add(new GateChange(rs.getLong(1), from == null ? null : GateState.valueOf(from),
                        GateState.valueOf(rs.getString(3)), e8(rs.getBigDecimal(4)), strings(rs.getArray(5))));
            }
        } catch (SQLException e) {
            throw failure("cannot read the gate changes", e);
        }
        return rows;
    }

    /** The number of rows in one of {@link #TABLES}. */
    public long rowCount(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("no history table '" + table + "'; tables: " + TABLES);
        }
        flush();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("cannot count the rows of " + table, e);
        }
    }

    /** Commits what is pending and closes the database; closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            try {
                connection.close(); // closes its statements too
            } catch (SQLException e) {
                throw failure("cannot close", e);
            }
        }
    }

    /** An exact E8 long from a {@code DECIMAL(38,8)} value; a value that does not fit is an error, not a rounding. */
    public static long e8(BigDecimal value) {
        return value.setScale(SCALE).unscaledValue().longValueExact();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(file + ": the history is closed");
        }
    }

    private SignalHistoryException failure(String what, Exception e) {
        return new SignalHistoryException(file + ": " + what + " (" + firstLine(e) + ")", e);
    }

    private static List<String> strings(java.sql.Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }

    private static void decimal(DuckDBAppender a, long e8) throws SQLException {
        if (e8 == MarketEvent.ABSENT) {
            a.appendNull();
        } else {
            a.append(BigDecimal.valueOf(e8, SCALE));
        }
    }

    private static void integer(DuckDBAppender a, boolean known, int value) throws SQLException {
        if (known) {
            a.append(value);
        } else {
            a.appendNull();
        }
    }

    /** A SQL string literal (COPY takes no parameter for its file). */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
