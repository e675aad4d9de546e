package aftershock.signals.gate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The risk gate: combines the signals' values by {@link GateRules} into a state and the exposure it allows, always
 * with reasons carrying the numbers.
 *
 * <p>A rule triggers when all its conditions hold; the state is the worst severity among the triggered rules and the
 * stale or down feeds (a stale feed forces at least CAUTION), RISK_ON if none. The reasons are those of the triggered
 * rules and feeds at CAUTION or worse, worst first (file order within a severity, feeds after rules), when the state
 * is CAUTION or RISK_OFF; when it is RISK_ON, the reasons of the triggered RISK_ON rules, or "no risk rule triggered"
 * with the number of rules checked. Every change of state is recorded as a {@link GateChange}.
 */
public final class Gate {
    /** Changes kept; older ones are dropped (and counted) beyond this. */
    public static final int CHANGES_KEPT_MAX = 100_000;

    private final GateRules rules;
    private final ArrayDeque<GateChange> changes = new ArrayDeque<>();
    private long changesDropped;
    private GateDecision current;

    public Gate(GateRules rules) {
        this.rules = rules;
    }

    public GateRules rules() {
        return rules;
    }

    /**
     * Decides at {@code tsMs} from the signals' values (null or missing = no data) and the feeds' states by source id.
     */
    public GateDecision evaluate(long tsMs, Map<String, Long> values, SortedMap<String, FeedState> feeds) {
        GateState state = GateState.RISK_ON;
        List<List<String>> bySeverity = new ArrayList<>();
        for (int i = 0; i < GateState.values().length; i++) {
            bySeverity.add(new ArrayList<>());
        }
        for (Rule r : rules.rules()) {
            if (r.triggered(values)) {
                state = state.worse(r.severity());
                bySeverity.get(r.severity().ordinal()).add(r.reason().render(values));
            }
        }
        for (Map.Entry<String, FeedState> f : feeds.entrySet()) {
            GateState severity = switch (f.getValue()) {
                case OK -> GateState.RISK_ON;
                case STALE -> rules.staleSeverity();
                case DOWN -> rules.downSeverity();
            };
            if (severity != GateState.RISK_ON) {
                state = state.worse(severity);
                bySeverity.get(severity.ordinal()).add("feed " + f.getKey() + " " + f.getValue().id());
            }
        }
        List<String> reasons = new ArrayList<>();
        if (state == GateState.RISK_ON) {
            reasons.addAll(bySeverity.get(GateState.RISK_ON.ordinal()));
            if (reasons.isEmpty()) {
                reasons.add("no risk rule triggered (" + rules.rules().size() + " rules checked)");
            }
        } else {
            for (int s = GateState.values().length - 1; s > GateState.RISK_ON.ordinal(); s--) {
                reasons.addAll(bySeverity.get(s));
            }
        }
        GateDecision decision = new GateDecision(state, rules.exposurePctE8(state), reasons);
        if (current == null || current.state() != state) {
            if (changes.size() == CHANGES_KEPT_MAX) {
                changes.removeFirst();
                changesDropped++;
            }
            changes.addLast(new GateChange(tsMs, current == null ? null : current.state(), state,
                    decision.exposurePctE8(), reasons));
        }
        current = decision;
        return decision;
    }

    /** The latest decision, or null before the first. */
    public GateDecision current() {
        return current;
    }

    /** The changes of state kept, oldest first (the first decision is a change from null). */
    public List<GateChange> changes() {
        return List.copyOf(changes);
    }

    /** Changes dropped because more than {@link #CHANGES_KEPT_MAX} happened. */
    public long changesDropped() {
        return changesDropped;
    }
}
