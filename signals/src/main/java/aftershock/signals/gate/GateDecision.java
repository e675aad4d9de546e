package aftershock.signals.gate;

import java.util.List;

/** The gate's verdict at one time: the state, the exposure it allows (% E8) and the reasons, numbers filled in. */
public record GateDecision(GateState state, long exposurePctE8, List<String> reasons) {
    public GateDecision {
        if (state == null) {
            throw new IllegalArgumentException("a decision needs a state");
        }
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a decision always has a reason");
        }
    }
}
