package aftershock.engine.margin;

/** Cross: one wallet backs all cross positions. Isolated: a position is backed only by the margin assigned to it. */
public enum MarginMode { CROSS, ISOLATED }
