package aftershock.signals.series;

/**
 * The maximum of a time series over a trailing window, at a bucket resolution: a value stays in the window while its
 * bucket {@code [k·bucketMs, (k+1)·bucketMs)} ends after {@code now − windowMs}. A monotonic queue of at most one
 * entry per bucket, so the memory is bounded by {@code windowMs / bucketMs + 2} whatever the event rate. Times must
 * not go backwards.
 */
public final class RollingMax {
    private final long bucketMs;
    private final long windowMs;
    private final long[] buckets;
    private final long[] values;
    private final long[] times;
    private int head;
    private int size;
    private long lastTsMs = Long.MIN_VALUE;

    public RollingMax(long bucketMs, long windowMs) {
        if (bucketMs <= 0 || windowMs <= 0) {
            throw new IllegalArgumentException("bucketMs and windowMs must be positive: " + bucketMs + ", " + windowMs);
        }
        long capacity = windowMs / bucketMs + 2;
        if (capacity > 10_000_000) {
            throw new IllegalArgumentException("window / bucket is too many buckets: " + capacity);
        }
        this.bucketMs = bucketMs;
        this.windowMs = windowMs;
        this.buckets = new long[(int) capacity];
        this.values = new long[(int) capacity];
        this.times = new long[(int) capacity];
    }

    /** Adds a value observed at {@code tsMs}. */
    public void add(long tsMs, long value) {
        if (tsMs < lastTsMs) {
            throw new IllegalArgumentException("time went backwards: " + tsMs + " < " + lastTsMs);
        }
        lastTsMs = tsMs;
        expire(tsMs);
        long bucket = Math.floorDiv(tsMs, bucketMs);
        while (size > 0) {
            int tail = index(size - 1);
            if (values[tail] > value) {
                if (buckets[tail] == bucket) {
                    return; // a larger value of the same bucket already stands for it
                }
                break;
            }
            if (values[tail] == value && buckets[tail] == bucket) {
                return; // keep the earlier time of an equal maximum
            }
            size--;
        }
        if (size == buckets.length) {
            throw new IllegalStateException("RollingMax capacity exceeded: " + size + " entries");
        }
        int slot = index(size);
        buckets[slot] = bucket;
        values[slot] = value;
        times[slot] = tsMs;
        size++;
    }

    /** Whether any value is in the window at {@code nowMs}. */
    public boolean isEmpty(long nowMs) {
        expire(nowMs);
        return size == 0;
    }

    /** The maximum in the window at {@code nowMs}; call {@link #isEmpty} first. */
    public long max(long nowMs) {
        expire(nowMs);
        if (size == 0) {
            throw new IllegalStateException("no value in the window at " + nowMs);
        }
        return values[head];
    }

    /** When the current maximum was observed (the first time, for equal values). */
    public long maxTsMs(long nowMs) {
        expire(nowMs);
        if (size == 0) {
            throw new IllegalStateException("no value in the window at " + nowMs);
        }
        return times[head];
    }

    private void expire(long nowMs) {
        long windowStart = nowMs - windowMs;
        while (size > 0 && (buckets[head] + 1) * bucketMs <= windowStart) {
            head = (head + 1) % buckets.length;
            size--;
        }
    }

    private int index(int i) {
        return (head + i) % buckets.length;
    }
}
