package aftershock.app.simulate;

import aftershock.app.UserError;
import aftershock.app.run.EventJson;
import aftershock.engine.api.Event;
import aftershock.engine.exchange.ExchangeEvent;
import aftershock.report.ReportWriter;
import aftershock.report.Unit;
import aftershock.sim.SimResult;
import aftershock.sim.Simulation;
import aftershock.sim.output.EventLog;
import aftershock.sim.scenario.Scenario;
import aftershock.sim.scenario.ScenarioException;
import aftershock.sim.scenario.ScenarioReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code aftershock simulate}: runs a scenario on the agent-based market around the venue and writes summary.json,
 * report.html, the data tables (CSV and Parquet) and, on request, the event log — or a policy comparison: the same
 * scenario and seed under each policy, in parallel, in one report.
 */
@CommandLine.Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a market day on the venue: agents, liquidations, insurance fund, ADL, halts.",
                "With no options: the 2025-11-03 aftershock (preset nov-3-2025), written to out/nov-3-2025/.",
                "Presets: nov-3-2025 (default), calm, oct-10-2025, abm-bench; or a scenario FILE (docs/SCENARIOS.md).",
                "Outputs (docs/OUTPUTS.md): summary.json, report.html, minutes/venue_minutes/adl/liquidation_map/halts as",
                ".csv and .parquet, events.jsonl with --events.",
                "Examples:",
                "  aftershock simulate",
                "  aftershock simulate --scenario calm --seed 7 --out out/calm-7",
                "  aftershock simulate --set shocks[0].changePct=-2 --set policies.adl=pro-rata",
                "  aftershock simulate --compare adl=binance,pro-rata,min-deviation",
                "  aftershock simulate --compare breaker=none,cme"})
public final class SimulateCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "nov-3-2025",
            description = "A preset (nov-3-2025, calm, oct-10-2025, abm-bench) or a scenario YAML file. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the scenario's, 42 for presets).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ./out/<scenario>/).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario parameter (repeatable), "
            + "e.g. --set durationHours=6 --set assets.BTC.perpMakers.depthUsd=200e6.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--compare", paramLabel = "DIM=V1,V2,...", description = "Run the same scenario and seed under each "
            + "policy and compare: adl=binance,pro-rata,min-deviation | liquidation=binance,bybit,hyperliquid | "
            + "breaker=none,cme,tight | band=5,10 | inventory=0.5,1,2 | backstop=off,1 | collateral=spot-book,redemption.")
    String compare;

    @Option(names = "--events", description = "Also write every event as JSON Lines to events.jsonl (large and slow: "
            + "tens of millions of lines for a day).")
    boolean events;

    @Option(names = "--no-report", description = "Skip report.html.")
    boolean noReport;

    @Option(names = "--check-invariants", description = "Audit the exchange's books and money after every command "
            + "(slow: for debugging short runs).")
    boolean checkInvariants;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        if (scenario.equals("abm-bench")) {
            return AbmBenchRun.run(pw, sets, seed, quiet);
        }
        Scenario base;
        try {
            base = ScenarioReader.load(scenario, sets);
        } catch (ScenarioException e) {
            throw new UserError(e.getMessage());
        }
        long runSeed = seed != null ? seed : base.seed();
        Path dir = out != null ? out : Path.of("out", base.name());
        List<Scenario> scenarios = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String dimension = null;
        if (compare != null) {
            CompareSpec cs = CompareSpec.parse(compare, base);
            dimension = cs.dimension();
            for (CompareSpec.Variant v : cs.variants()) {
                List<String> all = new ArrayList<>(sets);
                all.addAll(v.sets());
                try {
                    scenarios.add(ScenarioReader.load(scenario, all));
                } catch (ScenarioException e) {
                    throw new UserError("--compare " + v.label() + ": " + e.getMessage());
                }
                labels.add(v.label());
            }
        } else {
            scenarios.add(base);
            labels.add(base.name());
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("--out " + dir + ": cannot create the directory: " + e.getMessage());
        }
        List<SimResult> results = runAll(scenarios, labels, runSeed, dir);
        SimResult first = results.get(0);
        writeSummary(dir, results, labels);
        SimTables.write(first, dir);
        for (int i = 1; i < results.size(); i++) {
            Path vdir = dir.resolve("variants").resolve(labels.get(i).replaceAll("[^A-Za-z0-9.=_-]+", "_"));
            Files.createDirectories(vdir);
            SimTables.write(results.get(i), vdir);
        }
        if (!noReport) {
            ReportWriter.write(SimReport.build(results, labels, commandLine(), dimension == null ? "" : dimension),
                    dir.resolve("report.html"));
        }
        printSummary(pw, results, labels, dir);
        return 0;
    }

    private String commandLine() {
        StringBuilder b = new StringBuilder("aftershock simulate --scenario ").append(scenario);
        if (seed != null) {
            b.append(" --seed ").append(seed);
        }
        for (String s : sets) {
            b.append(" --set ").append(s);
        }
        if (compare != null) {
            b.append(" --compare ").append(compare);
        }
        return b.toString();
    }

    private List<SimResult> runAll(List<Scenario> scenarios, List<String> labels, long runSeed, Path dir) throws Exception {
        int n = scenarios.size();
        long perRun = (long) (scenarios.get(0).durationHours() * 3600);
        AtomicLongArray done = new AtomicLongArray(n);
        int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // A progress bar on a terminal; redirected output gets none (a bar redraws itself hundreds of times).
        ProgressBar bar = quiet || System.console() == null ? null : new ProgressBarBuilder().setTaskName(n == 1 ? "simulate " + scenarios.get(0).name()
                        : "simulate " + n + " variants").setInitialMax(perRun * n).setUnit(" sim-min", 60)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        try {
            List<Future<SimResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final int k = i;
                futures.add(pool.submit(() -> {
                    BufferedWriter w = null;
                    EventLog.Listener listener = null;
                    if (events) {
                        Path f = k == 0 ? dir.resolve("events.jsonl")
                                : dir.resolve("events-" + labels.get(k).replaceAll("[^A-Za-z0-9.=_-]+", "_") + ".jsonl");
                        w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
                        listener = new JsonLines(w);
                    }
                    try {
                        Simulation sim = new Simulation(scenarios.get(k), runSeed, checkInvariants, listener);
                        return sim.run(s -> {
                            done.set(k, s);
                            if (bar != null) {
                                long total = 0;
                                for (int j = 0; j < n; j++) {
                                    total += done.get(j);
                                }
                                bar.stepTo(total);
                            }
                        });
                    } finally {
                        if (w != null) {
                            w.close();
                        }
                    }
                }));
            }
            List<SimResult> out = new ArrayList<>();
            for (Future<SimResult> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw e;
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Every event as one JSON object a line (docs/OUTPUTS.md); spot book events carry their venue as the symbol. */
    private static final class JsonLines implements EventLog.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final BufferedWriter w;

        JsonLines(BufferedWriter w) {
            this.w = w;
        }

        private void write(Map<String, Object> m) {
            try {
                w.write(JSON.writeValueAsString(m));
                w.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void perp(ExchangeEvent e) {
            Map<String, Object> m = EventJson.toMap(e);
            m.put("venue", "perp");
            write(m);
        }

        @Override
        public void spot(String venue, Event e) {
            Map<String, Object> m = EventJson.toMap(new ExchangeEvent.Book(e.seq(), e.tsNanos(), venue, e));
            m.put("venue", "spot");
            write(m);
        }

        @Override
        public void note(long tsNanos, String text) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", tsNanos / 1e9);
            m.put("type", "NOTE");
            m.put("text", text);
            write(m);
        }
    }

    private static void writeSummary(Path dir, List<SimResult> results, List<String> labels) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>(results.get(0).summary());
        if (results.size() > 1) {
            List<Map<String, Object>> variants = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("label", labels.get(i));
                v.putAll(results.get(i).summary());
                variants.add(v);
            }
            s.put("variants", variants);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), s);
    }

    private static void printSummary(PrintWriter pw, List<SimResult> results, List<String> labels, Path dir) {
        SimResult r = results.get(0);
        Map<String, Object> s = r.summary();
        Scenario sc = r.scenario();
        pw.printf(Locale.ROOT, "%nScenario %s, seed %d, scale 1:%s — %s%n", sc.name(), r.seed(), SimReport.fmt(sc.scale()), sc.description());
        pw.printf(Locale.ROOT, "%-14s %12s %12s %12s %12s %9s %14s %14s%n", "instrument", "open", "low", "high", "close",
                "change", "volume", "OI change");
        for (SimResult.PerpSeries p : r.perps()) {
            String k = "instruments." + p.symbol() + ".";
            pw.printf(Locale.ROOT, "%-14s %12s %12s %12s %12s %9s %14s %14s%n", p.symbol(), Unit.PRICE.format(SimReport.num(s, k + "open")),
                    Unit.PRICE.format(SimReport.num(s, k + "low")), Unit.PRICE.format(SimReport.num(s, k + "high")),
                    Unit.PRICE.format(SimReport.num(s, k + "close")), Unit.PERCENT.format(SimReport.num(s, k + "changePct")),
                    Unit.USD.format(SimReport.num(s, k + "volumeUsd")), Unit.PERCENT.format(SimReport.num(s, k + "openInterestChangePct")));
        }
        pw.printf(Locale.ROOT, "Liquidated %s (longs %s, shorts %s; %s long), %s accounts. Insurance fund %s → %s. ADL fills %s "
                        + "(max deviation from mark %s). Halts %s.%n",
                Unit.USD.format(SimReport.num(s, "liquidations.totalUsd")), Unit.USD.format(SimReport.num(s, "liquidations.longUsd")),
                Unit.USD.format(SimReport.num(s, "liquidations.shortUsd")), Unit.PERCENT.format(SimReport.num(s, "liquidations.longSharePct")),
                Unit.COUNT.format(SimReport.num(s, "liquidations.accounts")), Unit.USD.format(SimReport.num(s, "insuranceFund.start")),
                Unit.USD.format(SimReport.num(s, "insuranceFund.end")), Unit.COUNT.format(SimReport.num(s, "adl.events")),
                Unit.PERCENT.format(SimReport.num(s, "adl.maxDeviationFromMarkPct")), Unit.COUNT.format(SimReport.num(s, "halts")));
        for (Scenario.Collateral c : sc.collateral()) {
            String k = "collateral." + c.name() + ".";
            pw.printf(Locale.ROOT, "Collateral %s (priced by %s): the venue's book low %s, end %s; margin valued at %s at the end, "
                            + "haircut %s; %s crowd accounts posting it.%n", c.name(), c.pricing().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    Unit.PRICE.format(SimReport.num(s, k + "venueBookLow")), Unit.PRICE.format(SimReport.num(s, k + "venueBookEnd")),
                    Unit.PRICE.format(SimReport.num(s, k + "valuedAtEnd")), Unit.PERCENT.format(SimReport.num(s, k + "haircutPctEnd")),
                    Unit.COUNT.format(SimReport.num(s, k + "crowdAccountsPosting")));
        }
        if (!sc.facts().isEmpty()) {
            pw.printf(Locale.ROOT, "%n%-30s %16s %16s%n", "fact (source)", "fact", "simulated");
            for (Scenario.Fact f : sc.facts()) {
                Unit u = SimReport.unit(f.unit());
                Double v = SimReport.lookup(s, f.key());
                pw.printf(Locale.ROOT, "%-30s %16s %16s%n", f.what(), u.format(f.value()), v == null ? "n/a" : u.format(v));
            }
            pw.printf(Locale.ROOT, "(one seed is one path of the day: run a few --seed values before reading a gap to a fact; "
                    + "docs/CALIBRATION.md compares seven)%n");
        }
        if (results.size() > 1) {
            Outcomes o = Outcomes.of(results, labels);
            pw.println();
            for (List<String> row : o.rows()) {
                pw.printf(Locale.ROOT, "%-26s liquidated %10s  fund drawdown %10s  ADL fills %6s  ADL cost %10s  max dev %8s  halts %4s%n",
                        row.get(0), row.get(1), row.get(8), row.get(5), row.get(7), row.get(6), row.get(10));
            }
            pw.println(o.verdict(labels.get(0).split("=")[0]));
        }
        pw.printf(Locale.ROOT, "%nWrote %s (summary.json, report.html, minutes/venue_minutes/adl/liquidation_map/halts .csv+.parquet)%n", dir);
        pw.printf(Locale.ROOT, "events=%d events_per_sec=%.0f wall_s=%.2f eventLogSha256=%s%n", r.events(),
                r.events() / Math.max(1e-9, r.wallSeconds()), r.wallSeconds(), r.eventLogSha256());
        pw.printf(Locale.ROOT, "book_ops_per_sec=%.0f wakeups_per_sec=%.0f event_loop_s=%.2f%n", r.bookOps() / Math.max(1e-9, r.eventLoopSeconds()),
                r.wakeups() / Math.max(1e-9, r.eventLoopSeconds()), r.eventLoopSeconds());
        pw.flush();
    }
}
