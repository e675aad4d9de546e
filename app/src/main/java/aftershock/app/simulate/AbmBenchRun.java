package aftershock.app.simulate;

import aftershock.app.UserError;
import aftershock.sim.abm.AbmBench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * {@code simulate --scenario abm-bench}: workload W1 shared with ABIDES (models.md), on the project's own book and
 * scheduler; {@code --set abm.valueAgents=1000} is W1-dense, {@code --set abm.scale=10} multiplies the agent counts.
 */
final class AbmBenchRun {
    private AbmBenchRun() {
    }

    static int run(PrintWriter out, List<String> sets, Long seed, boolean quiet) {
        AbmBench.Params p = AbmBench.Params.w1();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0 || !s.startsWith("abm.")) {
                throw new UserError("--set " + s + ": abm-bench takes abm.NAME=VALUE (e.g. abm.valueAgents=1000, abm.scale=10)");
            }
            try {
                p = p.with(s.substring(0, eq), s.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new UserError("--set " + s + ": " + e.getMessage());
            }
        }
        if (seed != null) {
            p = p.with("seed", Long.toString(seed));
        }
        AbmBench.Result r = AbmBench.run(p, null);
        out.printf(Locale.ROOT, "abm-bench (W1: %d noise, %d value, %d market makers, %.0f simulated minutes)%n",
                p.noiseAgents(), p.valueAgents(), p.marketMakers(), p.minutes());
        out.printf(Locale.ROOT, "book ops %d (orders %d, cancels %d), wake-ups %d, trades %d, event log SHA-256 %s%n",
                r.bookOps(), r.orders(), r.cancels(), r.wakeups(), r.trades(), r.eventLogSha256());
        out.println(r.lastLine());
        out.flush();
        return 0;
    }
}
