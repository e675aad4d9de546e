package aftershock.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user meets it: help, version, errors without stack traces, the demo, the benchmark. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String sub : List.of("demo", "bench", "instruments", "help")) {
            assertTrue(r.out().contains("  " + sub + " "), "help should list " + sub + ":\n" + r.out());
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String[] args : List.of(new String[] {"demo", "--help"}, new String[] {"bench", "--help"},
                new String[] {"bench", "matching", "--help"}, new String[] {"instruments", "--help"})) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: aftershock"), r.out());
        }
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)aftershock \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    @Test
    void unknownOptionIsAShortUsageErrorNotAStackTrace() {
        Run r = run("--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("Try 'aftershock --help'"), r.err());
        assertFalse(r.err().contains("at aftershock."), r.err());
        assertTrue(r.err().lines().count() <= 3, r.err());
    }

    @Test
    void demoRunsTheEmbeddedCascadeDeterministically() {
        Run a = run("demo", "--check-invariants");
        Run b = run("demo");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("stops triggered"), a.out());
        assertTrue(a.out().contains("event log       sha256 "), a.out());
        assertEquals(hash(a.out()), hash(b.out()));
    }

    @Test
    void demoWritesTheEventLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("events.log");
        Run r = run("demo", "--events", log.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.size() > 100, "events: " + lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" TRIGGERED ")));
    }

    @Test
    void badScriptNamesFileLineAndField(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.txt");
        Files.writeString(script, "# header\n0s place account=1 side=BUY price=100000.0 qty=0.010\n"
                + "1s place account=1 side=SELL price=1o1000.0 qty=0.010\n");
        Run r = run("demo", "--script", script.toString());
        assertEquals(2, r.code());
        assertEquals("aftershock: error: " + script + ":3: field 'price': '1o1000.0' is not a decimal number",
                r.err().strip());
    }

    @Test
    void missingScriptIsAClearError() {
        Run r = run("demo", "--script", "/no/such/script.txt");
        assertEquals(2, r.code());
        assertEquals("aftershock: error: /no/such/script.txt: no such file", r.err().strip());
    }

    @Test
    void offTickPriceIsAVenueRejectionNotAReadError(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("offtick.txt");
        Files.writeString(script, "0s place account=1 side=BUY price=100000.05 qty=0.010\n");
        Run r = run("demo", "--script", script.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rejected: PRICE_OFF_TICK"), r.out());
    }

    @Test
    void benchMatchingEndsWithTheMachineReadableLine() {
        Run r = run("bench", "matching", "--workload", "amend-heavy", "--resting", "200", "--ops", "20000",
                "--passes", "1", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        String last = r.out().strip().lines().reduce((x, y) -> y).orElse("");
        assertTrue(Pattern.matches("workload=amend-heavy resting=200 ops_per_sec=\\d+ p50_ns=\\d+ p99_ns=\\d+ p999_ns=\\d+", last), last);
    }

    @Test
    void benchLiquidationEndsWithTheMachineReadableLine() {
        Run r = run("bench", "liquidation", "--positions", "2000", "--runs", "1");
        assertEquals(0, r.code(), r.err());
        String last = r.out().strip().lines().reduce((x, y) -> y).orElse("");
        assertTrue(Pattern.matches("positions=2000 liquidated=20 index_ms=[0-9.]+ scan_ms=[0-9.]+", last), last);
    }

    @Test
    void benchRejectsAnUnknownWorkload() {
        Run r = run("bench", "matching", "--workload", "fast");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'fast' is not one of mixed, amend-heavy"), r.err());
    }

    @Test
    void instrumentsListsTheBuiltIns() {
        Run r = run("instruments");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("BTCUSDT  0.1"), r.out());
        assertTrue(r.out().contains("ETHUSDT  0.01"), r.out());
    }

    private static String hash(String out) {
        return out.lines().filter(l -> l.contains("sha256")).findFirst().orElseThrow();
    }
}
