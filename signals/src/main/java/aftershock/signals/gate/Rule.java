package aftershock.signals.gate;

import java.util.List;
import java.util.Map;

/**
 * A gate rule: when every condition holds, the gate is at least {@code severity}, and {@code reason} (rendered with
 * the signals' values) says why. {@code line} is where the rule starts in its file.
 */
public record Rule(String id, GateState severity, List<Condition> when, ReasonTemplate reason, int line) {
    public Rule {
        if (id == null || id.isEmpty() || severity == null || reason == null) {
            throw new IllegalArgumentException("a rule needs an id, a severity and a reason");
        }
        when = List.copyOf(when);
        if (when.isEmpty()) {
            throw new IllegalArgumentException("rule " + id + " has no condition");
        }
    }

    /** Whether every condition holds. */
    public boolean triggered(Map<String, Long> values) {
        for (Condition c : when) {
            if (!c.holds(values)) {
                return false;
            }
        }
        return true;
    }
}
