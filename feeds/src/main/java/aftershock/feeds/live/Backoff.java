package aftershock.feeds.live;

/**
 * Reconnect delays: exponential from {@code minMs}, doubling per failed attempt, capped at {@code maxMs}, then reduced
 * by a random share of up to {@code jitterPct}% so that many clients dropped at once (a venue restart) do not come back
 * in step. The attempt count is reset once a new connection delivers a message.
 */
public record Backoff(long minMs, long maxMs, int jitterPct) {

    /** 0.5 s doubling to 30 s, up to 20% jitter (feeds.md, "Rules a robust feed client must honour", 3). */
    public static final Backoff DEFAULT = new Backoff(500, 30_000, 20);

    public Backoff {
        if (minMs <= 0) {
            throw new IllegalArgumentException("backoff minMs must be positive: " + minMs);
        }
        if (maxMs < minMs) {
            throw new IllegalArgumentException("backoff maxMs must be at least minMs: minMs=" + minMs
                    + " maxMs=" + maxMs);
        }
        if (jitterPct < 0 || jitterPct > 100) {
            throw new IllegalArgumentException("backoff jitterPct must be within 0..100: " + jitterPct);
        }
    }

    /** The delay before reconnect attempt {@code attempt} (0 for the first after a drop). */
    public long delayMs(int attempt, Jitter jitter) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        long base = minMs;
        for (int i = 0; i < attempt && base < maxMs; i++) {
            base = base > maxMs / 2 ? maxMs : base * 2;
        }
        base = Math.min(base, maxMs);
        long spread = base * jitterPct / 100;
        long delay = spread == 0 ? base : base - jitter.nextBelow(spread + 1);
        if (delay < 0 || delay > base) {
            throw new IllegalStateException("jitter out of range: base=" + base + " delay=" + delay);
        }
        return delay;
    }
}
