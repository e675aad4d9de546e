package aftershock.signals.gate;

import aftershock.engine.api.DecimalE8;

import java.util.Map;

/**
 * One condition of a rule: {@code signal comparison threshold}, both E8. A signal without data makes the condition
 * {@code ifMissing} (false unless the rule file says otherwise).
 */
public record Condition(String signal, Comparison comparison, long thresholdE8, boolean ifMissing) {
    public Condition {
        if (signal == null || signal.isEmpty() || comparison == null) {
            throw new IllegalArgumentException("a condition needs a signal and a comparison");
        }
    }

    /** Whether it holds for these values (a missing key or a null value is missing data). */
    public boolean holds(Map<String, Long> values) {
        Long v = values.get(signal);
        return v == null ? ifMissing : comparison.holds(v, thresholdE8);
    }

    @Override
    public String toString() {
        return signal + " " + comparison.symbol() + " " + DecimalE8.format(thresholdE8);
    }
}
