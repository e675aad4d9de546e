package aftershock.app;

import aftershock.feeds.record.ReplayClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `aftershock monitor` on the shipped sample recording (examples/recorded/nov3-sample.jsonl: 2025-11-03 10:00–10:06
 * UTC, BTC 107,470 → 105,400, ETH −8 %, US$106m of long liquidations) and on broken inputs.
 */
class MonitorCommandTest {
    static final Path SAMPLE = Path.of("..", "examples", "recorded", "nov3-sample.jsonl");
    /** 2025-11-03 10:00:00 UTC. */
    static final long TEN_O_CLOCK_MS = 1_762_164_000_000L;
    static final long MINUTE_MS = 60_000L;
    final ObjectMapper json = new ObjectMapper();

    List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(json.readTree(line));
            }
        }
        return nodes;
    }

    static List<String> states(List<JsonNode> updates) {
        return updates.stream().map(u -> u.at("/gate/state").asText()).toList();
    }

    @Test
    void jsonGivesOneObjectPerMinuteOfEventTimeAndOneAtTheEnd() throws Exception {
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> updates = jsonLines(r.out());
        assertEquals(7, updates.size(), r.out());
        for (int i = 0; i < 6; i++) {
            assertEquals(TEN_O_CLOCK_MS + (i + 1) * MINUTE_MS, updates.get(i).get("ts").asLong());
        }
        assertEquals(TEN_O_CLOCK_MS + 6 * MINUTE_MS + 26_009, updates.get(6).get("ts").asLong()); // the last line
        for (JsonNode u : updates) {
            assertTrue(u.get("ts").isIntegralNumber(), u.toString());
            assertTrue(u.at("/signals").has("coinbasePremiumPct"), u.toString());
            assertTrue(u.at("/signals/coinbasePremiumPct").isNumber(), u.toString());
            assertTrue(u.at("/signals/coinbasePremiumPct").decimalValue().signum() < 0, "the sample's premium is negative");
            assertTrue(u.at("/gate/state").isTextual(), u.toString());
            assertTrue(u.at("/gate/reasons").isArray() && u.at("/gate/reasons").size() > 0, u.toString());
            assertTrue(u.at("/gate/exposurePct").isNumber(), u.toString());
            assertTrue(u.get("feeds").isObject(), u.toString());
            for (String source : List.of("binance-spot", "binance-usdm", "bybit", "coinbase")) {
                assertEquals("ok", u.at("/feeds/" + source).asText(), source + " in " + u);
            }
        }
        // 10:01: Coinbase mid 107,360.005 against Binance spot 107,420.005: −60 US$.
        assertEquals("-60", updates.get(0).at("/signals/coinbasePremiumUsd").decimalValue().toPlainString());
        assertTrue(r.err().contains("Replayed 68 messages (68 lines)"), r.err());
        assertTrue(r.err().contains("0 bad lines, 2 gate changes; gate RISK_OFF"), r.err());
    }

    @Test
    void theSampleTakesTheGateFromRiskOnThroughCautionToRiskOff() throws Exception {
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> updates = jsonLines(r.out());
        assertEquals(List.of("RISK_ON", "RISK_ON", "CAUTION", "CAUTION", "RISK_OFF", "RISK_OFF", "RISK_OFF"),
                states(updates));
        // 10:03: ETH down 5.7 % from its high while BTC is down 1.1 %: DeFi stress.
        assertEquals("[\"ETH drawdown 5.7% is 5.2x BTC's 1.1%\"]", updates.get(2).at("/gate/reasons").toString());
        // 10:05: Binance forceOrders and Bybit liquidations add up to US$105.6m of longs in the hour.
        JsonNode offAt = updates.get(4);
        assertEquals(0, offAt.at("/gate/exposurePct").asInt());
        assertEquals("long liquidations 106 US$m in 1h (at least)", offAt.at("/gate/reasons/0").asText());
        assertEquals("105592069.235", offAt.at("/signals/liquidationsUsd/long").decimalValue().toPlainString());
        assertTrue(offAt.at("/signals/liquidationsUsd/lowerBound").asBoolean(), "Binance's stream is sampled");
        // The open-interest poll at 10:05:05 shows the flush: 84,120.5 → 80,310.25 BTC (−4.53 %).
        assertEquals("MEASURING", updates.get(5).at("/signals/leverage/BTCUSDT").asText());
    }

    @Test
    void theTerminalViewShowsSignalsGateAndFeedsAndPrintsGateChangesAsTheyHappen() {
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("10:01:00 gate RISK_ON (exposure 100%): no risk rule triggered (13 rules checked)"), out);
        assertTrue(out.contains("10:03:00 gate RISK_ON → CAUTION (exposure 50%): ETH drawdown 5.7% is 5.2x BTC's 1.1%"),
                out);
        assertTrue(out.contains("10:05:00 gate CAUTION → RISK_OFF (exposure 0%): long liquidations 106 US$m in 1h "
                + "(at least); ETH drawdown 8.0% is 4.2x BTC's 1.9%"), out);
        for (String label : List.of("Gate ", "Coinbase premium ", "ETF flows ", "ETH/BTC ", "BTCUSDT ", "ETHUSDT ",
                "Levels BTCUSDT ", "Liquidations ", "ADL ", "Feeds ")) {
            assertTrue(out.contains("\n" + label), "no line for " + label + ":\n" + out);
        }
        assertTrue(out.contains("Feeds              binance-spot ok · binance-usdm ok · bybit ok · coinbase ok"), out);
        assertFalse(out.contains("\u001b["), "no ANSI codes when stdout is not a terminal");
        assertEquals(7, out.split("Aftershock monitor · ", -1).length - 1, "one view per update, appended");
        assertTrue(out.contains("Replayed 68 messages (68 lines) from " + SAMPLE + ": 74 events, 0 bad lines, "
                + "2 gate changes; gate RISK_OFF"), out);
    }

    @Test
    void onATerminalTheViewIsRedrawnInPlaceWithTheLatestGateChanges() {
        MonitorCommand cmd = new MonitorCommand();
        cmd.redraw = true;
        Captured c = execute(cmd, "--source", "replay", SAMPLE.toString());
        assertEquals(0, c.code(), c.err());
        assertEquals(7, c.out().split("\u001b\\[H\u001b\\[2J", -1).length - 1, "cleared before each update");
        String last = c.out().substring(c.out().lastIndexOf("\u001b[H\u001b[2J"));
        assertTrue(last.contains("Gate changes (latest last)\n  10:01:00 gate RISK_ON"), last);
        assertTrue(last.contains("  10:05:00 gate CAUTION → RISK_OFF"), last);
    }

    @Test
    void everySetsTheUpdateInterval() throws Exception {
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--json", "--every", "2m");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> updates = jsonLines(r.out());
        assertEquals(List.of(TEN_O_CLOCK_MS + 2 * MINUTE_MS, TEN_O_CLOCK_MS + 4 * MINUTE_MS,
                        TEN_O_CLOCK_MS + 6 * MINUTE_MS, TEN_O_CLOCK_MS + 6 * MINUTE_MS + 26_009),
                updates.stream().map(u -> u.get("ts").asLong()).toList());
    }

    @Test
    void speedPacesTheReplayOnTheReplayClock() throws Exception {
        FakeClock clock = new FakeClock();
        MonitorCommand cmd = new MonitorCommand();
        cmd.clock = clock;
        Captured c = execute(cmd, "--source", "replay", SAMPLE.toString(), "--speed", "60", "--json");
        assertEquals(0, c.code(), c.err());
        // The sample spans 385,959 ms of receive time (10:00:00.050 → 10:06:26.009): at 60x, 6.43265 s of waiting.
        long spanMs = 385_959L;
        assertEquals(spanMs * 1_000_000L / 60, clock.nowNanos);
        assertTrue(clock.sleeps > 0);
        assertEquals(7, jsonLines(c.out()).size(), "the same updates at any speed");
    }

    @Test
    void aBadRecordingLineIsCountedAndReportedNotFatal(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLE));
        lines.add(10, "{\"ts\":1762164030000,\"source\":\"coinbase\",\"msg\":{\"type\":\"ticker\""); // cut short
        lines.add(20, "{\"ts\":1762164070000,\"source\":\"kraken\",\"msg\":{}}");                  // unknown source
        Path broken = dir.resolve("broken.jsonl");
        Files.write(broken, lines);
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", broken.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("RISK_ON", "RISK_ON", "CAUTION", "CAUTION", "RISK_OFF", "RISK_OFF", "RISK_OFF"),
                states(jsonLines(r.out())), "the good lines still count");
        assertTrue(r.err().contains("aftershock: warning: bad line " + broken + ":11: "), r.err());
        assertTrue(r.err().contains("aftershock: warning: bad line " + broken + ":21: "), r.err());
        assertTrue(r.err().contains("Replayed 68 messages (70 lines)"), r.err());
        assertTrue(r.err().contains("2 bad lines"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aMessageTheVenueParserCannotUseIsAFeedIssueNotABadLine(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLE));
        lines.add(10, "{\"ts\":1762164030000,\"source\":\"coinbase\",\"msg\":\"{not json\"}");
        Path file = dir.resolve("issue.jsonl");
        Files.write(file, lines);
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Feed issues (messages not used): coinbase malformed-json=1"), r.out());
        assertTrue(r.out().contains("Replayed 69 messages (69 lines)"), r.out());
        assertTrue(r.out().contains("0 bad lines"), r.out());
    }

    @Test
    void aTruncatedGzipRecordingReplaysUpToTheCut(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(Files.readAllBytes(SAMPLE));
        }
        byte[] all = bytes.toByteArray();
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", cut.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("aftershock: warning: bad line " + cut + ":"), r.err());
        assertTrue(r.err().contains("unexpected end of compressed data"), r.err());
        // Everything decompressed before the cut is replayed: updates come out, and the cut (and a half line) count as bad.
        assertTrue(r.out().lines().count() > 0, "no updates from the part before the cut");
        assertTrue(r.err().matches("(?s).*[12] bad lines.*"), r.err());
    }

    @Test
    void aGzipRecordingReplaysLikeThePlainOne(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("sample.jsonl.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(SAMPLE));
        }
        CliTest.Run plain = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--json");
        CliTest.Run zipped = CliTest.run("monitor", "--source", "replay", gz.toString(), "--json");
        assertEquals(0, zipped.code(), zipped.err());
        assertEquals(plain.out(), zipped.out());
    }

    @Test
    void aSourceTheSignalsNeedThatIsNeverHeardIsDown(@TempDir Path dir) throws Exception {
        List<String> usdmOnly = Files.readAllLines(SAMPLE).stream()
                .filter(l -> l.contains("\"source\":\"binance-usdm\"")).toList();
        Path file = dir.resolve("usdm.jsonl");
        Files.write(file, usdmOnly);
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", file.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> updates = jsonLines(r.out());
        // Watched from the first event (10:00:01.003): at 10:01:00 the 60 s threshold has not passed yet.
        assertEquals("{\"binance-spot\":\"ok\",\"binance-usdm\":\"ok\",\"coinbase\":\"ok\"}",
                updates.get(0).get("feeds").toString());
        JsonNode second = updates.get(1);
        assertEquals("{\"binance-spot\":\"down\",\"binance-usdm\":\"ok\",\"coinbase\":\"down\"}",
                second.get("feeds").toString());
        assertTrue(second.at("/signals/coinbasePremiumPct").isNull(), "no premium without its two legs");
        assertEquals("CAUTION", second.at("/gate/state").asText());
        assertEquals("[\"feed binance-spot down\",\"feed coinbase down\"]", second.at("/gate/reasons").toString());
    }

    @Test
    void etfFlowsFromCsvReachTheSignalsAndTheGate(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("flows.csv");
        Files.writeString(csv, "Date,IBIT,FBTC,Total\n"
                + "29 Oct 2025,(88.1),(12.4),(100.5)\n"
                + "30 Oct 2025,(290.9),(98.3),(389.2)\n"
                + "31 Oct 2025,(149.3),(36.1),(185.4)\n");
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--json", "--etf", csv.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode first = jsonLines(r.out()).get(0);
        assertEquals(3, first.at("/signals/etfOutflowDays").asInt());
        assertEquals("-675100000", first.at("/signals/etfStreakFlowUsd").decimalValue().toPlainString());
        assertEquals("CAUTION", first.at("/gate/state").asText());
        assertEquals("ETF outflows 3 days (-675.1 US$m; latest -185.4 US$m)", first.at("/gate/reasons/0").asText());
    }

    @Test
    void customRulesDecideTheGate(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                exposurePct: {RISK_ON: 100, CAUTION: 25, RISK_OFF: 0}
                rules:
                  - id: premium-below-5bp
                    severity: CAUTION
                    when:
                      - {signal: coinbasePremiumPct, op: "<=", value: -0.05}
                    reason: "Coinbase premium {coinbasePremiumPct:+3}%"
                """);
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--json", "--rules",
                rules.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode first = jsonLines(r.out()).get(0);
        assertEquals("CAUTION", first.at("/gate/state").asText());
        assertEquals(25, first.at("/gate/exposurePct").asInt());
        assertEquals("Coinbase premium -0.056%", first.at("/gate/reasons/0").asText());
    }

    @Test
    void aBadRulesFileIsOneLineNamingFileLineAndField(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                exposurePct: {RISK_ON: 100, CAUTION: 50, RISK_OFF: 0}
                rules:
                  - id: typo
                    severity: CAUTION
                    when:
                      - {signal: etfOutflowDay, op: ">=", value: 3}
                    reason: "outflows"
                """);
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--rules", rules.toString());
        assertEquals(2, r.code());
        assertEquals("aftershock: error: " + rules + ":6: field 'rules[0].when[0].signal': unknown signal "
                + "'etfOutflowDay' (see docs/SIGNALS.md for the names)", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void simIsRefusedWithTheIssueThatProvidesItAndLiveOptionsAreChecked() {
        // (Live sessions connect to the venues, which this sandbox cannot reach: their connectors are tested against
        // local servers in the feeds module; here only the argument checks, which run before any connection.)
        CliTest.Run live = CliTest.run("monitor", "--source", "live", SAMPLE.toString());
        assertEquals(2, live.code());
        assertEquals("aftershock: error: --source live takes no FILE (use --record FILE to record the session)",
                live.err().strip());
        live = CliTest.run("monitor", "--source", "live", "--speed", "2");
        assertEquals("aftershock: error: --speed applies to --source replay only", live.err().strip());
        CliTest.Run recordOnReplay = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--duration", "1m");
        assertEquals("aftershock: error: --record and --duration apply to --source live only", recordOnReplay.err().strip());
        CliTest.Run sim = CliTest.run("monitor", "--source", "sim", SAMPLE.toString());
        assertEquals(2, sim.code());
        assertEquals("aftershock: error: --source sim takes no FILE (choose the scenario with --scenario)", sim.err().strip());
        sim = CliTest.run("monitor", "--source", "sim", "--speed", "2");
        assertEquals("aftershock: error: --record, --duration and --speed do not apply to --source sim", sim.err().strip());
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        List<String[]> cases = List.of(
                new String[] {"monitor", "--source", "replay"},
                new String[] {"monitor", "--source", "replay", "no/such/recording.jsonl"},
                new String[] {"monitor", "--source", "replay", SAMPLE.toString(), "--speed", "fast"},
                new String[] {"monitor", "--source", "replay", SAMPLE.toString(), "--every", "1 minute"},
                new String[] {"monitor", "--source", "replay", SAMPLE.toString(), "--rules", "no/such/rules.yaml"},
                new String[] {"monitor", "--source", "replay", SAMPLE.toString(), "--etf", "no/such/flows.csv"},
                new String[] {"monitor", "--source", "kafka"});
        List<String> expected = List.of(
                "--source replay needs a recording FILE",
                "no/such/recording.jsonl: no such file",
                "--speed must be a positive number, was 'fast'",
                "--every: '1 minute' is not a duration",
                "no/such/rules.yaml: no such file",
                "no/such/flows.csv: no such file",
                "--source must be replay, live or sim, was 'kafka'");
        for (int i = 0; i < cases.size(); i++) {
            CliTest.Run r = CliTest.run(cases.get(i));
            assertEquals(2, r.code(), String.join(" ", cases.get(i)) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(expected.get(i)), expected.get(i) + " in " + r.err());
        }
    }

    @Test
    void aFileThatIsNotGzipIsAOneLineError(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("plain.jsonl.gz");
        Files.copy(SAMPLE, fake);
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", fake.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("aftershock: error: " + fake + ": not a readable gzip file"), r.err());
    }

    @Test
    void helpDescribesTheCommand() {
        CliTest.Run r = CliTest.run("monitor", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: aftershock monitor"), r.out());
        for (String option : List.of("--source", "--speed", "--rules", "--etf", "--json", "--every", "--stale-after")) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
        CliTest.Run top = CliTest.run("--help");
        assertTrue(top.out().contains("  monitor "), top.out());
    }

    record Captured(int code, String out, String err) {
    }

    static Captured execute(MonitorCommand cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Captured(code, out.toString(), err.toString());
    }

    /** A replay clock that never sleeps: waiting moves it on. */
    static final class FakeClock implements ReplayClock {
        long nowNanos;
        int sleeps;

        @Override
        public long nanoTime() {
            return nowNanos;
        }

        @Override
        public void sleepNanos(long nanos) {
            assertNotNull(this);
            nowNanos += nanos;
            sleeps++;
        }
    }

    @Test
    void theHistoryGoesToDuckDbAndExportsToParquetAndCsv(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("history.duckdb");
        Path export = dir.resolve("export");
        CliTest.Run r = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--json", "--db", db.toString(),
                "--export", export.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("History: " + db), r.err());
        try (aftershock.app.history.SignalHistory h = aftershock.app.history.SignalHistory.open(db)) {
            assertEquals(r.out().lines().count(), h.rowCount("snapshots"));   // one row per update printed
            assertEquals("RISK_OFF", h.gateStates().get(h.gateStates().size() - 1).state().name());
        }
        assertTrue(Files.exists(export.resolve("snapshots.parquet")), "parquet export");
        assertTrue(Files.exists(export.resolve("gate_changes.csv")), "csv export");
        CliTest.Run bad = CliTest.run("monitor", "--source", "replay", SAMPLE.toString(), "--export", export.toString());
        assertEquals("aftershock: error: --export needs --db FILE", bad.err().strip());
    }
}
