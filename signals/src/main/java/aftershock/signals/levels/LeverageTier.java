package aftershock.signals.levels;

/** One tier of an assumed leverage mix: the leverage and the share of new notional opened at it (E8, 0..1). */
public record LeverageTier(int leverage, long weightE8) {
    public LeverageTier {
        if (leverage < 1 || leverage > 1_000) {
            throw new IllegalArgumentException("leverage must be in 1..1000: " + leverage);
        }
        if (weightE8 < 0) {
            throw new IllegalArgumentException("a tier's weight must not be negative: " + weightE8);
        }
    }
}
