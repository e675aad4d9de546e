package aftershock.signals.gate;

/** The gate's verdict, in increasing severity: a rule's severity is the state it forces at least. */
public enum GateState {
    RISK_ON,
    CAUTION,
    RISK_OFF;

    /** The worse of two states. */
    public GateState worse(GateState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
