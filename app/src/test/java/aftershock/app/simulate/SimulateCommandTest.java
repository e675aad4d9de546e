package aftershock.app.simulate;

import aftershock.app.Main;
import aftershock.report.BrowserCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code aftershock simulate} as a user runs it: files written, summary keys, Parquet loads, the report renders. */
class SimulateCommandTest {
    /** A short, small nov-3 day: the same code path as the default run, in seconds. */
    private static final List<String> SMALL = List.of("--set", "durationHours=0.5", "--set", "assets.BTC.crowd.traders=6000",
            "--set", "assets.ETH.crowd.traders=4000", "--set", "assets.BTC.openInterestUsd=4.4e9",
            "--set", "assets.ETH.openInterestUsd=3.4e9", "--quiet");

    private record Run(int code, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(new String[0]));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> args(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(SMALL);
        return a;
    }

    @Test
    void theDefaultScenarioWritesEveryOutputAndTheReportRendersInABrowser(@TempDir Path dir) throws Exception {
        Run r = run(args("simulate", "--out", dir.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Scenario nov-3-2025, seed 42"), r.out());
        assertTrue(r.out().contains("BTC low"), "the fact table: " + r.out());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("book_ops_per_sec=\\d+ wakeups_per_sec=\\d+ event_loop_s=[0-9.]+"), last);
        for (String f : List.of("summary.json", "report.html", "minutes.csv", "minutes.parquet", "venue_minutes.csv",
                "venue_minutes.parquet", "adl.csv", "adl.parquet", "liquidation_map.parquet", "halts.csv")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        for (String k : List.of("/liquidations/totalUsd", "/liquidations/longUsd", "/liquidations/shortUsd", "/liquidations/accounts",
                "/instruments/BTCUSDT/open", "/instruments/ETHUSDT/openInterestEndUsd", "/instruments/BTCUSDT/fundingRateMax",
                "/insuranceFund/start", "/insuranceFund/end", "/adl/events", "/adl/maxDeviationFromMarkPct", "/halts", "/events",
                "/wallSeconds", "/seed", "/eventLogSha256")) {
            assertTrue(!s.at(k).isMissingNode(), "summary.json has " + k);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("select count(*), count(distinct symbol) from read_parquet('"
                     + dir.resolve("minutes.parquet") + "')")) {
            rs.next();
            assertEquals(60, rs.getLong(1), "30 minutes × 2 perpetuals");
            assertEquals(2, rs.getLong(2));
        }
        assertTrue(Files.readAllLines(dir.resolve("minutes.csv")).get(0).startsWith("time,symbol,open,high,low,close,mark,index"));

        Optional<String> chromium = BrowserCheck.chromium();
        if (chromium.isEmpty()) {
            System.err.println(BrowserCheck.SKIPPED);
        }
        Assumptions.assumeTrue(chromium.isPresent(), BrowserCheck.SKIPPED);
        BrowserCheck.Page page = BrowserCheck.load(chromium.get(), dir.resolve("report.html"), dir.resolve("browser"), 120);
        assertEquals("", page.errors(), "script errors on the page");
        assertTrue(page.ready(), "the page marked itself ready");
        for (String id : List.of("chart-price-0", "chart-price-1", "chart-oi-0", "chart-funding-0", "chart-depth-0",
                "chart-heat-true-0", "chart-heat-estimated-0", "chart-premium", "chart-fund")) {
            Map<String, String> a = page.charts().get(id);
            assertTrue(a != null && "true".equals(a.get("data-rendered")) && Long.parseLong(a.get("data-points")) > 0,
                    id + " rendered with data: " + a);
        }
    }

    @Test
    void aComparisonRunsEveryPolicyOnTheSameSeedAndTabulatesThem(@TempDir Path dir) throws Exception {
        Run r = run(args("simulate", "--compare", "adl=binance,pro-rata", "--no-report", "--out", dir.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("adl=binance") && r.out().contains("adl=pro-rata"), r.out());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(2, s.get("variants").size());
        assertEquals("adl=pro-rata", s.get("variants").get(1).get("label").asText());
        assertTrue(Files.exists(dir.resolve("variants").resolve("adl=pro-rata").resolve("minutes.parquet")));
    }

    @Test
    void aBadScenarioFileIsOneLineNamingFileLineAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "name: x\nassets:\n  BTC:\n    price: 100000\n    openInterestUsd: many\n");
        Run r = run(List.of("simulate", "--scenario", f.toString(), "--out", dir.resolve("o").toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().contains(f + ":5: field 'assets.BTC.openInterestUsd': expected a number, got 'many'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void anUnknownCompareDimensionIsAUsageError(@TempDir Path dir) {
        Run r = run(List.of("simulate", "--compare", "fees=1,2", "--out", dir.toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown dimension 'fees'"), r.err());
    }

    @Test
    void aCollateralComparisonNeedsAScenarioWithCollateral(@TempDir Path dir) {
        Run r = run(List.of("simulate", "--compare", "collateral=spot-book,redemption", "--out", dir.toString()));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("declares no collateral assets") && r.err().contains("oct-10-2025"), r.err());
    }

    @Test
    void theMonitorReadsTheSimulatorLikeAFeed() throws Exception {
        List<String> a = new ArrayList<>(List.of("monitor", "--source", "sim", "--json", "--every", "10m"));
        for (int i = 0; i < SMALL.size() - 1; i++) {
            a.add(SMALL.get(i)); // the --set pairs; --quiet is simulate's
        }
        Run r = run(a);
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertTrue(lines.size() >= 3, "an update every 10 simulated minutes over half an hour: " + lines.size());
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertTrue(last.toString().contains("gate") && last.toString().contains("BTCUSDT"), last.toString());
        assertTrue(r.err().contains("Simulated nov-3-2025"), r.err());
    }

    @Test
    void theAbmBenchmarkPrintsItsThroughputLine() {
        Run r = run(List.of("simulate", "--scenario", "abm-bench", "--set", "abm.minutes=30"));
        assertEquals(0, r.code(), r.err());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("book_ops_per_sec=\\d+ wakeups_per_sec=\\d+ event_loop_s=[0-9.]+"), last);
    }
}
