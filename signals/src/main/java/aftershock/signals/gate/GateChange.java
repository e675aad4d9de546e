package aftershock.signals.gate;

import java.util.List;

/**
 * A change of the gate's state: when (on the signals' clock, epoch ms), from what (null for the first decision), to
 * what, the exposure now allowed (% E8) and the reasons.
 */
public record GateChange(long tsMs, GateState from, GateState to, long exposurePctE8, List<String> reasons) {
    public GateChange {
        if (to == null) {
            throw new IllegalArgumentException("a change needs a new state");
        }
        reasons = List.copyOf(reasons);
    }
}
