package aftershock.signals.gate;

import aftershock.config.YamlNode;

import aftershock.engine.api.DecimalE8;
import aftershock.signals.series.FixedE8;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gate's rules, read from YAML (format in docs/SIGNALS.md; the shipped defaults are the resource
 * {@value #DEFAULTS_RESOURCE}):
 * <pre>
 * exposurePct: {RISK_ON: 100, CAUTION: 50, RISK_OFF: 0}
 * feeds: {stale: CAUTION, down: CAUTION}
 * rules:
 *   - id: us-spot-distributing
 *     severity: RISK_OFF
 *     when:
 *       - {signal: coinbasePremiumNegativeDays, op: "&gt;=", value: 4}
 *       - {signal: etfOutflowDays, op: "&gt;=", value: 3}
 *     reason: "Coinbase premium {coinbasePremiumSmoothedPct:+3}% for {coinbasePremiumNegativeDays:0} days"
 * </pre>
 * The whole file is validated at once against the signals that exist; an error names file, line and field.
 */
public record GateRules(Map<GateState, Long> exposurePctE8, GateState staleSeverity, GateState downSeverity,
                        List<Rule> rules) {
    /** The shipped defaults, on the class path. */
    public static final String DEFAULTS_RESOURCE = "/aftershock/signals/gate/default-rules.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int RULES_MAX = 1_000;
    private static final int CONDITIONS_MAX = 32;

    public GateRules {
        EnumMap<GateState, Long> copy = new EnumMap<>(GateState.class);
        copy.putAll(exposurePctE8);
        for (GateState s : GateState.values()) {
            Long v = copy.get(s);
            if (v == null || v < 0 || v > FixedE8.HUNDRED) {
                throw new IllegalArgumentException("exposure for " + s + " must be 0..100 %: " + v);
            }
        }
        if (copy.get(GateState.RISK_OFF) > copy.get(GateState.CAUTION)
                || copy.get(GateState.CAUTION) > copy.get(GateState.RISK_ON)) {
            throw new IllegalArgumentException("exposure must not grow with severity: RISK_OFF ≤ CAUTION ≤ RISK_ON");
        }
        exposurePctE8 = Collections.unmodifiableMap(copy);
        if (staleSeverity == null || staleSeverity == GateState.RISK_ON || downSeverity == null
                || downSeverity == GateState.RISK_ON) {
            throw new IllegalArgumentException("a stale or down feed forces at least CAUTION");
        }
        rules = List.copyOf(rules);
    }

    /** The shipped default rules, validated against {@code knownSignals}. */
    public static GateRules defaults(Set<String> knownSignals) throws GateRulesException {
        try (InputStream in = GateRules.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            return parse("default-rules.yaml", new InputStreamReader(in, StandardCharsets.UTF_8), knownSignals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped default rules file's text. */
    public static String defaultsText() {
        try (InputStream in = GateRules.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GateRules parse(String file, String text, Set<String> knownSignals) throws GateRulesException {
        return parse(file, new StringReader(text), knownSignals);
    }

    /** Reads and validates a whole rule file; {@code file} names it in errors. */
    public static GateRules parse(String file, Reader reader, Set<String> knownSignals) throws GateRulesException {
        YamlNode<GateRulesException> root = YamlNode.parse(file, reader, "a mapping with 'rules'", GateRulesException::new);
        Map<String, YamlNode<GateRulesException>> top = root.map(Set.of("exposurePct", "feeds", "rules"));

        YamlNode<GateRulesException> exposureNode = root.required(top, "exposurePct");
        Map<String, YamlNode<GateRulesException>> exposure = exposureNode.map(Set.of("RISK_ON", "CAUTION", "RISK_OFF"));
        EnumMap<GateState, Long> exposurePct = new EnumMap<>(GateState.class);
        for (GateState s : GateState.values()) {
            YamlNode<GateRulesException> v = exposureNode.required(exposure, s.name());
            long pct = v.decimalE8();
            if (pct < 0 || pct > FixedE8.HUNDRED) {
                throw v.error("a percentage from 0 to 100");
            }
            exposurePct.put(s, pct);
        }
        if (exposurePct.get(GateState.RISK_OFF) > exposurePct.get(GateState.CAUTION)) {
            throw exposure.get("RISK_OFF").problem("RISK_OFF exposure " + pct(exposurePct.get(GateState.RISK_OFF))
                    + " is above CAUTION's " + pct(exposurePct.get(GateState.CAUTION)));
        }
        if (exposurePct.get(GateState.CAUTION) > exposurePct.get(GateState.RISK_ON)) {
            throw exposure.get("CAUTION").problem("CAUTION exposure " + pct(exposurePct.get(GateState.CAUTION))
                    + " is above RISK_ON's " + pct(exposurePct.get(GateState.RISK_ON)));
        }

        GateState stale = GateState.CAUTION;
        GateState down = GateState.CAUTION;
        YamlNode<GateRulesException> feedsNode = top.get("feeds");
        if (feedsNode != null) {
            Map<String, YamlNode<GateRulesException>> feeds = feedsNode.map(Set.of("stale", "down"));
            if (feeds.containsKey("stale")) {
                stale = atLeastCaution(feeds.get("stale"));
            }
            if (feeds.containsKey("down")) {
                down = atLeastCaution(feeds.get("down"));
            }
        }

        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<YamlNode<GateRulesException>> ruleNodes = root.required(top, "rules").list();
        if (ruleNodes.size() > RULES_MAX) {
            throw top.get("rules").problem("more than " + RULES_MAX + " rules");
        }
        for (YamlNode<GateRulesException> r : ruleNodes) {
            Map<String, YamlNode<GateRulesException>> f = r.map(Set.of("id", "severity", "when", "reason"));
            YamlNode<GateRulesException> idNode = r.required(f, "id");
            String id = idNode.text();
            if (!ID.matcher(id).matches()) {
                throw idNode.error("an id of lower-case letters, digits and '-' (e.g. premium-negative)");
            }
            Integer previous = ids.putIfAbsent(id, idNode.line());
            if (previous != null) {
                throw idNode.problem("rule id '" + id + "' already used on line " + previous);
            }
            GateState severity = r.required(f, "severity").enumValue(GateState.class);
            List<Condition> when = new ArrayList<>();
            YamlNode<GateRulesException> whenNode = r.required(f, "when");
            List<YamlNode<GateRulesException>> conditionNodes = whenNode.list();
            if (conditionNodes.isEmpty()) {
                throw whenNode.problem("a rule needs at least one condition");
            }
            if (conditionNodes.size() > CONDITIONS_MAX) {
                throw whenNode.problem("more than " + CONDITIONS_MAX + " conditions");
            }
            for (YamlNode<GateRulesException> c : conditionNodes) {
                when.add(condition(c, knownSignals));
            }
            YamlNode<GateRulesException> reasonNode = r.required(f, "reason");
            ReasonTemplate reason;
            try {
                reason = ReasonTemplate.parse(reasonNode.text(), knownSignals);
            } catch (IllegalArgumentException e) {
                throw reasonNode.problem(e.getMessage());
            }
            rules.add(new Rule(id, severity, when, reason, r.line()));
        }
        return new GateRules(exposurePct, stale, down, rules);
    }

    private static Condition condition(YamlNode<GateRulesException> c, Set<String> knownSignals) throws GateRulesException {
        Map<String, YamlNode<GateRulesException>> f = c.map(Set.of("signal", "op", "value", "ifMissing"));
        YamlNode<GateRulesException> signalNode = c.required(f, "signal");
        String signal = signalNode.text();
        if (!knownSignals.contains(signal)) {
            throw signalNode.problem("unknown signal '" + signal + "' (see docs/SIGNALS.md for the names)");
        }
        YamlNode<GateRulesException> opNode = c.required(f, "op");
        Comparison op = Comparison.bySymbol(opNode.text());
        if (op == null) {
            throw opNode.error("one of <, <=, >, >=, ==, !=");
        }
        long threshold = c.required(f, "value").decimalE8();
        boolean ifMissing = f.containsKey("ifMissing") && f.get("ifMissing").bool();
        return new Condition(signal, op, threshold, ifMissing);
    }

    private static GateState atLeastCaution(YamlNode<GateRulesException> node) throws GateRulesException {
        GateState s = node.enumValue(GateState.class);
        if (s == GateState.RISK_ON) {
            throw node.error("CAUTION or RISK_OFF (a stale or down feed forces at least CAUTION)");
        }
        return s;
    }

    private static String pct(long e8) {
        return DecimalE8.format(e8) + "%";
    }

    /** The exposure allowed in a state (% E8). */
    public long exposurePctE8(GateState state) {
        return exposurePctE8.get(state);
    }
}
