package aftershock.app.monitor;

import aftershock.signals.SignalsSnapshot;
import aftershock.signals.gate.GateChange;

/** Where a monitor session's updates go: JSON Lines for other tools, or the terminal view for a person. */
public interface MonitorOutput {

    /** The gate changed state at an update (called before that update's {@link #update}). */
    void gateChange(GateChange change);

    /** Every signal, the gate and the feeds at one update time. */
    void update(SignalsSnapshot snapshot);
}
