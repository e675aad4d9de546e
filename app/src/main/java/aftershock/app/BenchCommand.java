package aftershock.app;

import aftershock.bench.MatchingBench;
import aftershock.bench.Workload;
import aftershock.bench.Workloads;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/** Benchmarks of the engine's hot paths. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the engine's hot paths (see docs/BENCHMARKS.md).",
        subcommands = {BenchCommand.Matching.class, BenchCommand.Liquidation.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "matching", mixinStandardHelpOptions = true,
            description = {"Order-book throughput and latency on one instrument, one thread, pre-generated commands.",
                    "The last line is machine-readable:",
                    "workload=<w> resting=<n> ops_per_sec=<n> p50_ns=<n> p99_ns=<n> p999_ns=<n>"})
    static final class Matching implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--workload", paramLabel = "NAME", defaultValue = "mixed",
                description = "mixed (perp flow: 45%% place, 35%% cancel, 10%% market/IOC, 10%% amend) or amend-heavy "
                        + "(exchange-core's order-book benchmark flow: ~75%% amends). Default: ${DEFAULT-VALUE}.")
        String workload;

        @Option(names = "--resting", paramLabel = "N", defaultValue = "1000",
                description = "Resting orders in the book before measuring. Default: ${DEFAULT-VALUE}.")
        int resting;

        @Option(names = "--ops", paramLabel = "N", defaultValue = "3000000",
                description = "Measured commands per pass. Default: ${DEFAULT-VALUE}.")
        int ops;

        @Option(names = "--passes", paramLabel = "N", defaultValue = "5",
                description = "Timed passes; throughput is their median. Default: ${DEFAULT-VALUE}.")
        int passes;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "3",
                description = "Untimed warm-up passes (JIT). Default: ${DEFAULT-VALUE}.")
        int warmup;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        public Integer call() {
            if (!workload.equals("mixed") && !workload.equals("amend-heavy")) {
                throw new UserError("--workload: '" + workload + "' is not one of mixed, amend-heavy");
            }
            if (resting < 1 || resting > 10_000_000) {
                throw new UserError("--resting: " + resting + " is outside 1..10,000,000");
            }
            if (ops < 1_000 || passes < 1 || warmup < 0) {
                throw new UserError("--ops must be >= 1000, --passes >= 1, --warmup >= 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("generating %s workload: %,d resting orders, %,d commands (seed %d)...%n", workload, resting, ops, seed);
            out.flush();
            Workload w = Workloads.byName(workload, resting, ops, seed);
            out.printf(Locale.ROOT, "mix: place %.1f%%, ioc/fok %.1f%%, market %.1f%%, cancel %.1f%%, amend %.1f%%%n",
                    100 * w.share(Workload.GTC), 100 * w.share(Workload.IOC, Workload.FOK), 100 * w.share(Workload.MARKET),
                    100 * w.share(Workload.CANCEL), 100 * w.share(Workload.AMEND));
            out.flush();
            MatchingBench.Result r;
            try (ProgressBar pb = new ProgressBarBuilder().setTaskName("bench").setInitialMax(warmup + passes + 1L)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build()) {
                r = MatchingBench.run(w, warmup, passes, pb::stepTo);
            }
            out.printf("book at the end: %,d resting orders on %,d price levels%n", r.openOrdersAtEnd(), r.levelsAtEnd());
            StringBuilder per = new StringBuilder();
            for (double x : r.passOpsPerSec()) {
                per.append(per.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2fM", x / 1e6));
            }
            out.printf(Locale.ROOT, "throughput: median %.2fM commands/s over %d passes (%s)%n", r.opsPerSec() / 1e6, r.passes(), per);
            out.printf("latency: p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns (includes ~20-30 ns of System.nanoTime)%n",
                    r.p50Ns(), r.p99Ns(), r.p999Ns(), r.maxNs());
            out.println(r.machineLine());
            out.flush();
            return 0;
        }
    }

    @Command(name = "liquidation", mixinStandardHelpOptions = true,
            description = {"Finding the accounts a mark move liquidates: the liquidation index against a full scan.",
                    "The last line is machine-readable: positions=<n> liquidated=<k> index_ms=<t> scan_ms=<t>"})
    static final class Liquidation implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--positions", paramLabel = "N", defaultValue = "1000000",
                description = "Open positions (half long, half short). Default: ${DEFAULT-VALUE}.")
        int positions;

        @Option(names = "--share", paramLabel = "X", defaultValue = "0.01",
                description = "Share of all positions the mark move liquidates. Default: ${DEFAULT-VALUE}.")
        double share;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "7", description = "Timed runs (median). Default: ${DEFAULT-VALUE}.")
        int runs;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        public Integer call() {
            if (positions < 2 || positions > 16_000_000 || positions % 2 != 0) {
                throw new UserError("--positions: must be an even number from 2 to 16,000,000");
            }
            if (!(share > 0 && share <= 0.5) || runs < 1) {
                throw new UserError("--share must be in (0, 0.5] and --runs >= 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("building %,d positions and the liquidation index (seed %d)...%n", positions, seed);
            out.flush();
            aftershock.bench.LiquidationBench.Result r;
            try (ProgressBar pb = new ProgressBarBuilder().setTaskName("liquidation").setInitialMax((long) positions + runs)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build()) {
                r = aftershock.bench.LiquidationBench.run(positions, share, runs, seed, pb::stepTo);
            }
            out.printf(Locale.ROOT, "index: median %.3f ms over %d runs; full scan: median %.3f ms (%.0fx)%n", r.indexMs(),
                    runs, r.scanMs(), r.scanMs() / Math.max(1e-9, r.indexMs()));
            out.println(r.machineLine());
            out.flush();
            return 0;
        }
    }
}
