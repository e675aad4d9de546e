package aftershock.sim.core;

import java.util.Arrays;

/**
 * The discrete-event queue: wake-ups of agents on the virtual clock, earliest first, ties in the order they were
 * scheduled (a sequence number), so a run never depends on heap layout. A binary heap over primitive arrays.
 */
public final class Scheduler {
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private int[] agents = new int[1024];
    private int size;
    private long nextSeq;

    public void schedule(long timeNanos, int agent) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
            agents = Arrays.copyOf(agents, size * 2);
        }
        int i = size++;
        long seq = nextSeq++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(timeNanos, seq, times[parent], seqs[parent])) {
                break;
            }
            times[i] = times[parent];
            seqs[i] = seqs[parent];
            agents[i] = agents[parent];
            i = parent;
        }
        times[i] = timeNanos;
        seqs[i] = seq;
        agents[i] = agent;
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The time of the earliest wake-up; only when not empty. */
    public long peekTime() {
        return times[0];
    }

    /** Removes the earliest wake-up and returns its agent. */
    public int poll() {
        int agent = agents[0];
        size--;
        if (size > 0) {
            long t = times[size];
            long s = seqs[size];
            int a = agents[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && before(times[child + 1], seqs[child + 1], times[child], seqs[child])) {
                    child++;
                }
                if (!before(times[child], seqs[child], t, s)) {
                    break;
                }
                times[i] = times[child];
                seqs[i] = seqs[child];
                agents[i] = agents[child];
                i = child;
            }
            times[i] = t;
            seqs[i] = s;
            agents[i] = a;
        }
        return agent;
    }
}
