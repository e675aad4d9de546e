package aftershock.bench.jmh;

import aftershock.bench.Workload;
import aftershock.bench.Workloads;
import aftershock.engine.api.BookConfig;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.PositionSource;
import aftershock.engine.book.OrderBook;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * JMH: one invocation replays the measured part of a workload ({@value #OPS} commands) on a reset, prefilled book
 * (for amend-heavy, as in exchange-core, the fill of {@code resting} orders is part of those commands).
 * Run with {@code -prof gc} to see allocation per command on the steady-state path (expected 0 B/op):
 * {@code java -jar bench/target/benchmarks.jar MatchingJmh -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MatchingJmh {
    static final int OPS = 2_000_000;

    @Param({"mixed", "amend-heavy"})
    public String workload;

    @Param({"1000"})
    public int resting;

    private Workload w;
    private OrderBook book;

    @Setup(Level.Trial)
    public void generate() {
        // amend-heavy times its fill too, so it generates fewer commands after it: OPS in all either way.
        int after = workload.equals("amend-heavy") ? OPS - resting : OPS;
        if (after <= 0) {
            throw new IllegalArgumentException("resting must be below " + OPS + " for amend-heavy");
        }
        w = Workloads.byName(workload, resting, after, 42L);
        if (w.measuredCount() != OPS) {
            throw new IllegalStateException("workload has " + w.measuredCount() + " measured commands, expected " + OPS);
        }
        book = new OrderBook(w.instrument(), BookConfig.sized(resting * 2 + 1024), EventSink.NOOP, PositionSource.NONE);
    }

    @Setup(Level.Invocation)
    public void prefill() {
        w.prefill(book);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public int replay() {
        int end = w.totalCount();
        for (int i = w.prefillCount(); i < end; i++) {
            w.apply(book, i);
        }
        return book.openOrderCount();
    }
}
