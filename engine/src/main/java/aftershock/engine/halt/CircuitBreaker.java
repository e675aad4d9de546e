package aftershock.engine.halt;

import java.util.List;
import java.util.Objects;

/**
 * Volatility halts (CME-style tiers): when the trigger price moves more than a tier's threshold within the
 * window — down from the window's high or up from its low — trading in the symbol halts for the tier's duration.
 * Tiers escalate as CME's limits expand: after a halt at tier k, only a higher tier can halt the symbol again until
 * the window has rolled past the end of that halt. While halted, new orders and amendments are queued (released
 * when trading resumes) or rejected, per {@link DuringHalt}; cancels always work. Trading resumes with a plain
 * restart or a call auction that uncrosses the queued orders at one price, per {@link Resumption}. A tier may also
 * set the price band that holds after its halt ("dynamic bands": the band widens as the tiers escalate).
 *
 * <p>CME Bitcoin futures at launch (2017-12): 7% and 13% soft limits (2-minute pauses) and a 20% hard limit,
 * measured from the previous settlement; CME has revised them since. Here the reference is the window's high or low,
 * so that a scenario can set the window it wants; all numbers are parameters.
 */
public record CircuitBreaker(TriggerPrice triggerPrice, long windowNanos, List<Tier> tiers, DuringHalt duringHalt,
                             Resumption resumption, int queueCapacity) {

    /** Which price is watched: the symbol's last trade price or its mark price. */
    public enum TriggerPrice { LAST, MARK }

    /** What happens to new orders and amendments during a halt. */
    public enum DuringHalt {
        /** Held in arrival order (up to the queue capacity; beyond it rejected) and submitted when trading resumes. */
        QUEUE,
        /** Rejected with {@code TRADING_HALTED}. */
        REJECT
    }

    /** How trading restarts when the halt ends. */
    public enum Resumption {
        /** The queued orders are submitted in arrival order to the continuous book. */
        RESUME,
        /** The queued orders are collected into a call auction and uncrossed at one price, then trading continues. */
        AUCTION
    }

    /**
     * One tier: a move of more than {@code moveE8} (0.07 = 7%) halts trading for {@code haltNanos}; after the halt
     * the order price band is {@code priceBandE8} (0: the configured band stays).
     */
    public record Tier(long moveE8, long haltNanos, long priceBandE8) {
        public Tier {
            if (moveE8 <= 0 || moveE8 >= 100_000_000L) {
                throw new IllegalArgumentException("a tier's move must be above 0 and below 1, was " + moveE8);
            }
            if (haltNanos <= 0) {
                throw new IllegalArgumentException("a tier's halt must last some time, was " + haltNanos + " ns");
            }
            if (priceBandE8 < 0 || priceBandE8 >= 100_000_000L) {
                throw new IllegalArgumentException("a tier's price band must be from 0 to below 1, was " + priceBandE8);
            }
        }
    }

    /** No circuit breaker (the default: crypto venues rarely halt). */
    public static final CircuitBreaker OFF = new CircuitBreaker(TriggerPrice.LAST, 0, List.of(), DuringHalt.REJECT,
            Resumption.RESUME, 0);

    public CircuitBreaker {
        Objects.requireNonNull(triggerPrice, "triggerPrice");
        Objects.requireNonNull(duringHalt, "duringHalt");
        Objects.requireNonNull(resumption, "resumption");
        tiers = List.copyOf(tiers);
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).moveE8() <= tiers.get(i - 1).moveE8()) {
                throw new IllegalArgumentException("tiers must have increasing moves");
            }
        }
        if (!tiers.isEmpty() && windowNanos < 1_000_000_000L) {
            throw new IllegalArgumentException("the window must be at least one second, was " + windowNanos + " ns");
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queue capacity must not be negative");
        }
    }

    /** A breaker on {@code triggerPrice} over a window, with a queue of 10,000 orders. */
    public static CircuitBreaker of(TriggerPrice triggerPrice, long windowNanos, DuringHalt duringHalt, Resumption resumption,
                                    Tier... tiers) {
        return new CircuitBreaker(triggerPrice, windowNanos, List.of(tiers), duringHalt, resumption, 10_000);
    }

    public boolean enabled() {
        return !tiers.isEmpty();
    }
}
