package aftershock.feeds.live;

import java.util.SplittableRandom;

/**
 * The randomness of reconnect delays, injectable: a seeded {@link SplittableRandom} by default, so a run with the same
 * seed waits the same delays, and a test can pin the jitter down.
 */
@FunctionalInterface
public interface Jitter {

    /** A value in {@code [0, bound)}; {@code bound} is positive. */
    long nextBelow(long bound);

    /** Jitter from a {@link SplittableRandom} with this seed (thread-safe: every draw is synchronised). */
    static Jitter seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return bound -> {
            synchronized (random) {
                return random.nextLong(bound);
            }
        };
    }

    /** No jitter: always 0. */
    Jitter NONE = bound -> 0;
}
