package aftershock.app.history;

import aftershock.signals.gate.GateState;

/** The gate's state at one recorded update: time (epoch ms), state and the exposure it allowed (% E8). */
public record GateStateRow(long tsMs, GateState state, long exposurePctE8) {
}
