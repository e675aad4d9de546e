package aftershock.signals.gate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static aftershock.signals.Ev.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GateTest {
    static final Set<String> SIGNALS = Set.of("coinbasePremiumSmoothedPct", "coinbasePremiumNegativeDays",
            "etfOutflowDays", "oiRebuildPctPerDay.BTCUSDT", "fundingRatePct.BTCUSDT", "coinbasePremiumPositiveHours",
            "etfInflowDays");

    static final String RULES = """
            exposurePct:
              RISK_ON: 100
              CAUTION: 40
              RISK_OFF: 0
            feeds:
              stale: CAUTION
              down: RISK_OFF
            rules:
              - id: premium-negative
                severity: CAUTION
                when:
                  - {signal: coinbasePremiumNegativeDays, op: ">=", value: 2}
                reason: "Coinbase premium {coinbasePremiumSmoothedPct:+2}% for {coinbasePremiumNegativeDays:0} days"
              - id: etf-outflows
                severity: CAUTION
                when:
                  - {signal: etfOutflowDays, op: ">=", value: 3}
                reason: "ETF outflows {etfOutflowDays:0} days"
              - id: re-levering
                severity: RISK_OFF
                when:
                  - {signal: oiRebuildPctPerDay.BTCUSDT, op: ">=", value: 5}
                  - {signal: fundingRatePct.BTCUSDT, op: ">", value: 0.01}
                reason: "OI rebuilding {oiRebuildPctPerDay.BTCUSDT:+0}%/day with funding {fundingRatePct.BTCUSDT:+2}%"
              - id: premium-positive
                severity: RISK_ON
                when:
                  - {signal: coinbasePremiumPositiveHours, op: ">=", value: 8}
                reason: "Coinbase premium positive for {coinbasePremiumPositiveHours:0} hours"
            """;

    private static Gate gate() throws GateRulesException {
        return new Gate(GateRules.parse("rules.yaml", RULES, SIGNALS));
    }

    private static Map<String, Long> values(Object... pairs) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1] == null ? null : d((String) pairs[i + 1]));
        }
        return m;
    }

    private static SortedMap<String, FeedState> feeds(Object... pairs) {
        TreeMap<String, FeedState> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (FeedState) pairs[i + 1]);
        }
        return m;
    }

    @Test
    void theStateIsTheWorstTriggeredSeverityAndEveryTriggeredReasonIsGivenWorstFirst() throws Exception {
        GateDecision d = gate().evaluate(1, values("coinbasePremiumSmoothedPct", "-0.03",
                "coinbasePremiumNegativeDays", "4", "etfOutflowDays", "4", "oiRebuildPctPerDay.BTCUSDT", "6",
                "fundingRatePct.BTCUSDT", "0.02"), feeds());
        assertEquals(new GateDecision(GateState.RISK_OFF, 0, List.of("OI rebuilding +6%/day with funding +0.02%",
                "Coinbase premium -0.03% for 4 days", "ETF outflows 4 days")), d);
    }

    @Test
    void oneCautionRuleGivesCautionAndItsExposure() throws Exception {
        GateDecision d = gate().evaluate(1, values("coinbasePremiumSmoothedPct", "-0.012",
                "coinbasePremiumNegativeDays", "2", "etfOutflowDays", "2"), feeds());
        assertEquals(new GateDecision(GateState.CAUTION, d("40"), List.of("Coinbase premium -0.01% for 2 days")), d);
    }

    @Test
    void allConditionsOfARuleMustHold() throws Exception {
        GateDecision d = gate().evaluate(1, values("oiRebuildPctPerDay.BTCUSDT", "6", "fundingRatePct.BTCUSDT",
                "0.01"), feeds());
        assertEquals(GateState.RISK_ON, d.state());
    }

    @Test
    void riskOnWithoutATriggeredRuleSaysSo() throws Exception {
        GateDecision d = gate().evaluate(1, values(), feeds("coinbase", FeedState.OK));
        assertEquals(new GateDecision(GateState.RISK_ON, d("100"), List.of("no risk rule triggered (4 rules checked)")),
                d);
    }

    @Test
    void riskOnGivesTheReasonsOfItsOwnRules() throws Exception {
        GateDecision d = gate().evaluate(1, values("coinbasePremiumPositiveHours", "9.5"), feeds());
        assertEquals(List.of("Coinbase premium positive for 10 hours"), d.reasons());
        // ... which are not reasons once a worse rule triggers
        GateDecision worse = gate().evaluate(1, values("coinbasePremiumPositiveHours", "9.5", "etfOutflowDays", "3"),
                feeds());
        assertEquals(new GateDecision(GateState.CAUTION, d("40"), List.of("ETF outflows 3 days")), worse);
    }

    @Test
    void aStaleFeedForcesAtLeastCautionWithAReason() throws Exception {
        GateDecision d = gate().evaluate(1, values(), feeds("binance-spot", FeedState.OK, "coinbase",
                FeedState.STALE));
        assertEquals(new GateDecision(GateState.CAUTION, d("40"), List.of("feed coinbase stale")), d);
        GateDecision worse = gate().evaluate(1, values("oiRebuildPctPerDay.BTCUSDT", "6", "fundingRatePct.BTCUSDT",
                "0.02", "etfOutflowDays", "3"), feeds("coinbase", FeedState.STALE));
        assertEquals(List.of("OI rebuilding +6%/day with funding +0.02%", "ETF outflows 3 days",
                "feed coinbase stale"), worse.reasons());
        assertEquals(GateState.RISK_OFF, worse.state());
    }

    @Test
    void aDownFeedTakesTheConfiguredSeverity() throws Exception {
        GateDecision d = gate().evaluate(1, values(), feeds("binance-usdm", FeedState.DOWN));
        assertEquals(new GateDecision(GateState.RISK_OFF, 0, List.of("feed binance-usdm down")), d);
    }

    @Test
    void aSignalWithoutDataFailsItsConditionUnlessTheRuleSaysOtherwise() throws Exception {
        Gate strict = gate();
        assertEquals(GateState.RISK_ON, strict.evaluate(1, values("etfOutflowDays", null), feeds()).state());
        Gate lenient = new Gate(GateRules.parse("rules.yaml", """
                exposurePct: {RISK_ON: 100, CAUTION: 50, RISK_OFF: 0}
                rules:
                  - id: no-etf-data
                    severity: CAUTION
                    when:
                      - {signal: etfOutflowDays, op: ">=", value: 3, ifMissing: true}
                    reason: "ETF outflows {etfOutflowDays} days"
                """, SIGNALS));
        assertEquals(new GateDecision(GateState.CAUTION, d("50"), List.of("ETF outflows n/a days")),
                lenient.evaluate(1, values(), feeds()));
    }

    @Test
    void everyChangeOfStateIsAnEventWithItsReasons() throws Exception {
        Gate gate = gate();
        assertNull(gate.current());
        gate.evaluate(1_000, values(), feeds());
        gate.evaluate(2_000, values(), feeds());
        gate.evaluate(3_000, values("etfOutflowDays", "3"), feeds());
        gate.evaluate(4_000, values("etfOutflowDays", "4"), feeds());
        gate.evaluate(5_000, values("oiRebuildPctPerDay.BTCUSDT", "6", "fundingRatePct.BTCUSDT", "0.02"), feeds());
        gate.evaluate(6_000, values(), feeds());
        assertEquals(List.of(
                new GateChange(1_000, null, GateState.RISK_ON, d("100"),
                        List.of("no risk rule triggered (4 rules checked)")),
                new GateChange(3_000, GateState.RISK_ON, GateState.CAUTION, d("40"), List.of("ETF outflows 3 days")),
                new GateChange(5_000, GateState.CAUTION, GateState.RISK_OFF, 0,
                        List.of("OI rebuilding +6%/day with funding +0.02%")),
                new GateChange(6_000, GateState.RISK_OFF, GateState.RISK_ON, d("100"),
                        List.of("no risk rule triggered (4 rules checked)"))), gate.changes());
        assertEquals(GateState.RISK_ON, gate.current().state());
    }

    @Test
    void comparisonsAreExactOnE8Values() {
        assertEquals(true, Comparison.LT.holds(-1, 0));
        assertEquals(false, Comparison.LT.holds(0, 0));
        assertEquals(true, Comparison.LE.holds(0, 0));
        assertEquals(true, Comparison.GT.holds(1, 0));
        assertEquals(true, Comparison.GE.holds(0, 0));
        assertEquals(true, Comparison.EQ.holds(5, 5));
        assertEquals(true, Comparison.NE.holds(5, 6));
    }
}
