package aftershock.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `aftershock run` on the shipped examples and on broken scripts. */
class RunCommandTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    final ObjectMapper json = new ObjectMapper();

    @Test
    void everyShippedExampleRunsWithInvariantsOn(@TempDir Path dir) throws Exception {
        for (String name : List.of("leveraged-long", "funding", "over-leveraged", "isolated-vs-cross", "cascade")) {
            Path events = dir.resolve(name + ".jsonl");
            Path summary = dir.resolve(name + ".json");
            CliTest.Run r = CliTest.run("run", EXAMPLES.resolve(name + ".yaml").toString(), "--check-invariants",
                    "--events", events.toString(), "--summary-json", summary.toString());
            assertEquals(0, r.code(), name + ": " + r.err());
            for (String line : Files.readAllLines(events)) {
                JsonNode e = json.readTree(line);
                assertTrue(e.has("seq") && e.has("time") && e.has("type"), line);
            }
            JsonNode s = json.readTree(summary.toFile());
            for (String field : List.of("walletBalance", "marginBalance", "availableBalance", "feesPaid", "fundingPaid")) {
                assertTrue(s.at("/accounts/1").has(field), name + " lacks " + field);
            }
            for (String field : List.of("markPrice", "indexPrice", "lastFundingRate", "nextFundingTime")) {
                assertTrue(s.at("/symbols/BTCUSDT").has(field), name + " lacks " + field);
            }
        }
    }

    @Test
    void aLeveragedLongIsMarkedToMarketAndTakesProfitExactly(@TempDir Path dir) throws Exception {
        Path summary = dir.resolve("s.json");
        CliTest.Run r = CliTest.run("run", EXAMPLES.resolve("leveraged-long.yaml").toString(), "--summary-json", summary.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode s = json.readTree(summary.toFile());
        JsonNode p = s.at("/accounts/1/positions/BTCUSDT");
        for (String field : List.of("side", "qty", "entryPrice", "markPrice", "notional", "unrealizedPnl", "leverage",
                "marginMode", "initialMargin", "maintenanceMargin", "marginRatio", "liquidationPrice", "bankruptcyPrice")) {
            assertTrue(p.has(field), "position lacks " + field);
        }
        // Bought 0.8 at 100,010 (taker fee 40.004); sold 0.5 at 102,990 (realized 1,490, fee 25.7475).
        assertEquals("LONG", p.get("side").asText());
        assertEquals("0.3", p.get("qty").asText());
        assertEquals("100010", p.get("entryPrice").asText());
        assertEquals("897", p.get("unrealizedPnl").asText());                 // 0.3 × (103,000 − 100,010)
        assertEquals("11424.2485", s.at("/accounts/1/walletBalance").asText()); // 10,000 − 40.004 + 1,490 − 25.7475
        assertEquals(3, s.get("snapshots").size());
    }

    @Test
    void fundingIsPaidByTheLongToTheShort(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("e.jsonl");
        CliTest.Run r = CliTest.run("run", EXAMPLES.resolve("funding.yaml").toString(), "--events", events.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonNode> pays = Files.readAllLines(events).stream().map(this::read)
                .filter(e -> e.get("type").asText().equals("FUNDING_PAYMENT")).toList();
        assertEquals(2, pays.size());
        assertEquals("-50.0525", pays.get(0).get("amount").asText());   // 1 × 100,105 × 0.05%
        assertEquals("50.0525", pays.get(1).get("amount").asText());
        JsonNode rate = Files.readAllLines(events).stream().map(this::read)
                .filter(e -> e.get("type").asText().equals("FUNDING_RATE")).findFirst().orElseThrow();
        assertEquals("0.0005", rate.get("rate").asText());
        assertEquals("28800", rate.get("time").asText());
    }

    @Test
    void theCascadeLiquidatesInAChainAndDeleveragesTheProfitableShort(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("cascade.jsonl");
        CliTest.Run r = CliTest.run("run", EXAMPLES.resolve("cascade.yaml").toString(), "--check-invariants", "--events", events.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonNode> liq = Files.readAllLines(events).stream().map(this::read)
                .filter(e -> e.get("type").asText().equals("LIQUIDATION")).toList();
        long started = liq.stream().filter(e -> e.get("stage").asText().equals("START")).count();
        List<JsonNode> adl = liq.stream().filter(e -> e.get("stage").asText().equals("ADL")).toList();
        assertTrue(started >= 5, "a chain of liquidations: " + started);
        assertTrue(liq.stream().anyMatch(e -> e.get("stage").asText().equals("TAKEOVER")), "the fund takes some over");
        assertTrue(!adl.isEmpty(), "the fund runs dry and ADL fires");
        for (JsonNode e : adl) {
            assertEquals(901, e.get("counterpartyId").asLong());   // the large seller's profitable short
            assertEquals(e.get("bankruptcyPrice").asText(), e.get("price").asText());
            assertTrue(new java.math.BigDecimal(e.get("deviation").asText()).signum() > 0);
        }
    }

    @Test
    void rejectionsAreReportedWithTheScriptLine() {
        CliTest.Run r = CliTest.run("run", EXAMPLES.resolve("over-leveraged.yaml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("line 18: BTCUSDT PLACE rejected: INSUFFICIENT_MARGIN"), r.out());
        assertTrue(r.out().contains("line 22: WITHDRAW rejected: INSUFFICIENT_BALANCE"), r.out());
        assertTrue(r.out().contains("line 26: BTCUSDT PLACE rejected: MAX_POSITION_EXCEEDED"), r.out());
    }

    @Test
    void theSameScriptGivesTheSameEventLog() {
        String a = CliTest.run("run", EXAMPLES.resolve("funding.yaml").toString()).out();
        String b = CliTest.run("run", EXAMPLES.resolve("funding.yaml").toString()).out();
        assertEquals(a.lines().filter(l -> l.contains("sha256")).findFirst().orElseThrow(),
                b.lines().filter(l -> l.contains("sha256")).findFirst().orElseThrow());
    }

    @Test
    void aMalformedScriptIsReportedWithFileLineAndFieldAndNothingRuns(@TempDir Path dir) throws Exception {
        String[][] cases = {
                {"instruments: [BTCUSDT]\ntimeline:\n  - at: 0s\n    place: {account: 1, side: BUY, price: \"1o0\", qty: \"1\"}\n",
                        ":4: field 'timeline[0].place.price': expected a decimal number"},
                {"instruments: [BTCUSDT]\ntimeline:\n  - at: 0s\n    place: {account: 1, side: UP, price: \"100\", qty: \"1\"}\n",
                        ":4: field 'timeline[0].place.side': expected one of BUY, SELL, got 'UP'"},
                {"instruments: [DOGEUSDT]\ntimeline: []\n", ":1: field 'instruments[0]': expected a built-in symbol"},
                {"instruments: [BTCUSDT]\ncolour: red\ntimeline: []\n", ":2: field 'colour': unknown field"},
                {"instruments: [BTCUSDT]\ntimeline:\n  - at: 5s\n    advance: true\n  - at: 1s\n    advance: true\n",
                        ":5: field 'timeline[1].at': is earlier than the previous step"},
                {"instruments: [BTCUSDT]\ntimeline:\n  - at: 0s\n    spot: {price: \"1\"}\n    funding: BTCUSDT\n",
                        ":3: field 'timeline[0]': each timeline step needs exactly one action"},
                {"instruments: [BTCUSDT]\naccounts:\n  - id: 1\ntimeline: []\n", ":3: field 'accounts[0]': missing field 'deposit'"},
                {"instruments: [BTCUSDT\n", ": not valid YAML"},
        };
        for (String[] c : cases) {
            Path script = dir.resolve("bad.yaml");
            Path events = dir.resolve("never.jsonl");
            Files.writeString(script, c[0]);
            CliTest.Run r = CliTest.run("run", script.toString(), "--events", events.toString());
            assertEquals(2, r.code(), c[0]);
            assertTrue(r.err().startsWith("aftershock: error: " + script), r.err());
            assertTrue(r.err().contains(c[1]), "expected '" + c[1] + "' in: " + r.err());
            assertFalse(r.err().contains("at aftershock."), r.err());
            assertFalse(Files.exists(events), "nothing may run from a malformed script");
        }
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
