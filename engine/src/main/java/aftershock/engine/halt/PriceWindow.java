package aftershock.engine.halt;

/**
 * The high and low of a price over a sliding window of whole seconds, in O(1) amortized per sample and without
 * allocation: two monotonic deques (ring buffers) holding at most one entry per second, so their capacity is the
 * window's length in seconds plus two. A sample at second t stays in the window while t ≥ ⌊(now − window) / 1 s⌋.
 */
public final class PriceWindow {
    private static final long SECOND = 1_000_000_000L;

    private final long windowNanos;
    private final long[] highSec;
    private final long[] highE8;
    private final long[] lowSec;
    private final long[] lowE8;
    private int highHead;
    private int highSize;
    private int lowHead;
    private int lowSize;

    public PriceWindow(long windowNanos) {
        this.windowNanos = windowNanos;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, windowNanos / SECOND + 3);
        highSec = new long[capacity];
        highE8 = new long[capacity];
        lowSec = new long[capacity];
        lowE8 = new long[capacity];
    }

    /** Adds a sample taken at {@code nowNanos} (samples arrive in time order) and drops what left the window. */
    public void add(long nowNanos, long priceE8) {
        long sec = nowNanos / SECOND;
        expire(nowNanos);
        // Highs: drop the entries this sample dominates; a lower sample in the same second as the newest adds nothing.
        while (highSize > 0 && highE8[at(highHead, highSize - 1)] <= priceE8) {
            highSize--;
        }
        if (highSize == 0 || highSec[at(highHead, highSize - 1)] != sec) {
            int i = at(highHead, highSize++);
            highSec[i] = sec;
            highE8[i] = priceE8;
        }
        while (lowSize > 0 && lowE8[at(lowHead, lowSize - 1)] >= priceE8) {
            lowSize--;
        }
        if (lowSize == 0 || lowSec[at(lowHead, lowSize - 1)] != sec) {
            int i = at(lowHead, lowSize++);
            lowSec[i] = sec;
            lowE8[i] = priceE8;
        }
    }

    private int at(int head, int offset) {
        return (head + offset) % highSec.length;
    }

    private void expire(long nowNanos) {
        long oldest = Math.max(0, nowNanos - windowNanos) / SECOND;
        while (highSize > 0 && highSec[highHead] < oldest) {
            highHead = at(highHead, 1);
            highSize--;
        }
        while (lowSize > 0 && lowSec[lowHead] < oldest) {
            lowHead = at(lowHead, 1);
            lowSize--;
        }
    }

    /** The highest sample in the window ending at {@code nowNanos}, or 0 when empty. */
    public long highE8(long nowNanos) {
        expire(nowNanos);
        return highSize == 0 ? 0 : highE8[highHead];
    }

    /** The lowest sample in the window ending at {@code nowNanos}, or 0 when empty. */
    public long lowE8(long nowNanos) {
        expire(nowNanos);
        return lowSize == 0 ? 0 : lowE8[lowHead];
    }
}
