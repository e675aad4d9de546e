package aftershock.signals.gate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.signals.Ev.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GateRulesTest {
    private static final String HEAD = """
            exposurePct: {RISK_ON: 100, CAUTION: 50, RISK_OFF: 0}
            rules:
              - id: etf-outflows
                severity: CAUTION
                when:
            """;

    private static String error(String text) {
        return assertThrows(GateRulesException.class,
                () -> GateRules.parse("rules.yaml", text, GateTest.SIGNALS)).getMessage();
    }

    @Test
    void aValidFileGivesItsRulesInOrder() throws Exception {
        GateRules rules = GateRules.parse("rules.yaml", GateTest.RULES, GateTest.SIGNALS);
        assertEquals(List.of("premium-negative", "etf-outflows", "re-levering", "premium-positive"),
                rules.rules().stream().map(Rule::id).toList());
        Rule relever = rules.rules().get(2);
        assertEquals(List.of(new Condition("oiRebuildPctPerDay.BTCUSDT", Comparison.GE, d("5"), false),
                new Condition("fundingRatePct.BTCUSDT", Comparison.GT, d("0.01"), false)), relever.when());
        assertEquals(19, relever.line());
        assertEquals(d("40"), rules.exposurePctE8(GateState.CAUTION));
        assertEquals(GateState.RISK_OFF, rules.downSeverity());
    }

    @Test
    void anUnknownSignalNamesLineAndField() {
        assertEquals("rules.yaml:6: field 'rules[0].when[0].signal': unknown signal 'etfOutflowDay' (see "
                + "docs/SIGNALS.md for the names)", error(HEAD + """
                      - {signal: etfOutflowDay, op: ">=", value: 3}
                    reason: "x"
                """));
    }

    @Test
    void aBadComparisonNamesLineAndField() {
        assertEquals("rules.yaml:7: field 'rules[0].when[0].op': expected one of <, <=, >, >=, ==, !=, got '=>'",
                error(HEAD + """
                      - signal: etfOutflowDays
                        op: "=>"
                        value: 3
                    reason: "x"
                """));
    }

    @Test
    void aThresholdThatIsNotADecimalNamesLineAndField() {
        assertEquals("rules.yaml:6: field 'rules[0].when[0].value': expected a decimal number such as 4, -0.03 or "
                + "0.0001 ('three' is not a decimal number), got 'three'", error(HEAD + """
                      - {signal: etfOutflowDays, op: ">=", value: three}
                    reason: "x"
                """));
    }

    @Test
    void anUnknownFieldIsRefused() {
        assertEquals("rules.yaml:7: field 'rules[0].reasons': unknown field (allowed: id, reason, severity, when)",
                error(HEAD + """
                      - {signal: etfOutflowDays, op: ">=", value: 3}
                    reasons: "x"
                """));
    }

    @Test
    void aMissingReasonIsRefused() {
        assertEquals("rules.yaml:3: field 'rules[0]': missing field 'reason'", error(HEAD + """
                      - {signal: etfOutflowDays, op: ">=", value: 3}
                """));
    }

    @Test
    void aReasonWithAnUnknownPlaceholderNamesTheReason() {
        assertEquals("rules.yaml:7: field 'rules[0].reason': placeholder {etf:0}: unknown signal 'etf'",
                error(HEAD + """
                      - {signal: etfOutflowDays, op: ">=", value: 3}
                    reason: "ETF outflows {etf:0} days"
                """));
    }

    @Test
    void aSeverityMustBeAState() {
        assertEquals("rules.yaml:4: field 'rules[0].severity': expected one of RISK_ON, CAUTION, RISK_OFF, got 'HIGH'",
                error(HEAD.replace("CAUTION\n    when", "HIGH\n    when") + """
                      - {signal: etfOutflowDays, op: ">=", value: 3}
                    reason: "x"
                """));
    }

    @Test
    void ruleIdsAreUnique() {
        String rule = """
                  - id: etf-outflows
                    severity: CAUTION
                    when:
                      - {signal: etfOutflowDays, op: ">=", value: 3}
                    reason: "x"
                """;
        assertEquals("rules.yaml:8: field 'rules[1].id': rule id 'etf-outflows' already used on line 3",
                error(HEAD + """
                      - {signal: etfOutflowDays, op: ">=", value: 3}
                    reason: "x"
                """ + rule));
    }

    @Test
    void aStaleFeedCannotBeRiskOn() {
        assertEquals("rules.yaml:2: field 'feeds.stale': expected CAUTION or RISK_OFF (a stale or down feed forces "
                + "at least CAUTION), got 'RISK_ON'", error("""
                exposurePct: {RISK_ON: 100, CAUTION: 50, RISK_OFF: 0}
                feeds: {stale: RISK_ON}
                rules: []
                """));
    }

    @Test
    void exposureMustNotGrowWithSeverity() {
        assertEquals("rules.yaml:1: field 'exposurePct.CAUTION': CAUTION exposure 60% is above RISK_ON's 50%",
                error("""
                exposurePct: {RISK_ON: 50, CAUTION: 60, RISK_OFF: 0}
                rules: []
                """));
        assertEquals("rules.yaml:1: field 'exposurePct.RISK_OFF': expected a percentage from 0 to 100, got '101'",
                error("""
                exposurePct: {RISK_ON: 50, CAUTION: 60, RISK_OFF: 101}
                rules: []
                """));
    }

    @Test
    void invalidYamlNamesItsLine() {
        String message = error("""
                exposurePct: {RISK_ON: 100, CAUTION: 50, RISK_OFF: 0}
                rules:
                  - id: [unclosed
                """);
        assertEquals("rules.yaml:4: not valid YAML: ", message.substring(0, "rules.yaml:4: not valid YAML: ".length()),
                message);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertEquals("rules.yaml:1: the file is empty (expected a mapping with 'rules')", error(""));
    }
}
