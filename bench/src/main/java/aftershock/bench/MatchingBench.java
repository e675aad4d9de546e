package aftershock.bench;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.PositionSource;
import aftershock.engine.book.OrderBook;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Single-threaded matching benchmark: throughput over whole passes of a pre-generated workload (median of
 * several passes) and per-command latency percentiles (HdrHistogram, System.nanoTime around each command).
 * The book is reset and prefilled before every pass; neither generation nor prefill is timed.
 */
public final class MatchingBench {

    /** What one benchmark run measured. */
    public record Result(String workload, int resting, int commands, int passes, double opsPerSec,
                         double[] passOpsPerSec, long p50Ns, long p99Ns, long p999Ns, long maxNs, int levelsAtEnd, int openOrdersAtEnd) {
        public String machineLine() {
            return String.format(Locale.ROOT, "workload=%s resting=%d ops_per_sec=%d p50_ns=%d p99_ns=%d p999_ns=%d",
                    workload, resting, Math.round(opsPerSec), p50Ns, p99Ns, p999Ns);
        }
    }

    private MatchingBench() {
    }

    /** The timed loop, in its own method so that it is compiled as a whole during warm-up (not on-stack replaced). */
    static void replay(Workload w, OrderBook book, int from, int to) {
        for (int i = from; i < to; i++) {
            w.apply(book, i);
        }
    }

    /**
     * Runs the benchmark. {@code progress} receives the pass number as passes complete (for a progress bar).
     */
    public static Result run(Workload w, int warmupPasses, int passes, IntConsumer progress) {
        OrderBook book = new OrderBook(w.instrument(), BookConfig.sized(w.expectedResting() * 2 + 1024),
                EventSink.NOOP, PositionSource.NONE);
        int first = w.prefillCount();
        int end = w.totalCount();
        int totalSteps = warmupPasses + passes + 1;
        int step = 0;
        for (int p = 0; p < warmupPasses; p++) {
            w.prefill(book);
            replay(w, book, first, end);
            progress.accept(++step);
        }
        double[] rates = new double[passes];
        for (int p = 0; p < passes; p++) {
            w.prefill(book);
            long t0 = System.nanoTime();
            replay(w, book, first, end);
            long t1 = System.nanoTime();
            rates[p] = (end - first) * 1e9 / (t1 - t0);
            progress.accept(++step);
        }
        Histogram h = new Histogram(1, 60_000_000_000L, 3);
        w.prefill(book);
        for (int i = first; i < end; i++) {
            long t0 = System.nanoTime();
            w.apply(book, i);
            long dt = System.nanoTime() - t0;
            h.recordValue(Math.max(1, dt));
        }
        int levels = book.levelCount(aftershock.engine.api.Side.BUY) + book.levelCount(aftershock.engine.api.Side.SELL);
        int open = book.openOrderCount();
        progress.accept(++step);
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new Result(w.name(), w.expectedResting(), w.measuredCount(), passes, median, rates,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), levels, open);
    }
}
