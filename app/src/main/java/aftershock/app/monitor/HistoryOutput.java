package aftershock.app.monitor;

import aftershock.app.history.SignalHistory;
import aftershock.signals.SignalsSnapshot;
import aftershock.signals.gate.GateChange;

/** Passes updates on to another output and records them, and every gate change, in the DuckDB history. */
public final class HistoryOutput implements MonitorOutput {
    private final MonitorOutput next;
    private final SignalHistory history;
    private final boolean flushEachUpdate;

    public HistoryOutput(MonitorOutput next, SignalHistory history, boolean flushEachUpdate) {
        this.next = next;
        this.history = history;
        this.flushEachUpdate = flushEachUpdate;
    }

    @Override
    public void gateChange(GateChange change) {
        history.recordGateChange(change);
        next.gateChange(change);
    }

    @Override
    public void update(SignalsSnapshot snapshot) {
        history.record(snapshot);
        if (flushEachUpdate) {
            history.flush();
        }
        next.update(snapshot);
    }
}
