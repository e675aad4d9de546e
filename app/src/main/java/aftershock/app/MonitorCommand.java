package aftershock.app;

import aftershock.app.monitor.DurationText;
import aftershock.app.monitor.JsonLinesOutput;
import aftershock.app.monitor.MonitorOutput;
import aftershock.app.monitor.MonitorSession;
import aftershock.app.monitor.TerminalView;
import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.etf.EtfFlowFormatException;
import aftershock.feeds.etf.EtfFlowCsv;
import aftershock.feeds.etf.EtfFlowTable;
import aftershock.feeds.record.ReplayClock;
import aftershock.feeds.record.RecordingFormatException;
import aftershock.feeds.record.ReplayReport;
import aftershock.feeds.record.ReplaySpeed;
import aftershock.feeds.record.Replayer;
import aftershock.feeds.record.SourceParsers;
import aftershock.signals.Signals;
import aftershock.signals.SignalsConfig;
import aftershock.signals.gate.GateRules;
import aftershock.signals.gate.GateRulesException;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.ZipException;

/**
 * {@code aftershock monitor}: market data → the playbook signals → the gate, shown as a terminal view or as JSON Lines.
 * The source is a recording (docs/OUTPUTS.md) replayed through the connectors' parsers; the live connectors and the
 * simulator source do not exist yet and are refused with the issue that provides them.
 */
@CommandLine.Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Watch the playbook signals and the risk gate on market data.",
                "--source replay FILE replays a recording (JSON Lines, .gz accepted; format: docs/OUTPUTS.md)",
                "through the venues' parsers into the signals, with an update at every --every of event time",
                "and at the end. Signals and gate rules: docs/SIGNALS.md.",
                "--source sim [--scenario nov-3-2025] runs the simulator and shows what a trader would have seen.",
                "Examples:",
                "  aftershock monitor --source replay examples/recorded/nov3-sample.jsonl",
                "  aftershock monitor --source sim --scenario nov-3-2025 --every 1h"})
final class MonitorCommand implements Callable<Integer> {
    /** What every source feeds: the signals (with the gate rules and ETF flows), feed health, history, the session. */
    private record Pipeline(FeedHealth health, aftershock.app.history.SignalHistory history, MonitorSession session) {
    }

    private Pipeline pipeline(PrintWriter out, PrintWriter err, String title, boolean live, long everyMs, long staleAfterMs) {
        SignalsConfig config = SignalsConfig.defaults();
        Signals signals = new Signals(config, rules(config));
        if (etfFile != null) {
            EtfFlowTable table = etf(etfFile);
            for (String w : table.warnings()) {
                err.println("aftershock: warning: " + w);
            }
            signals.loadEtfFlows(table);
        }
        FeedHealth health = new FeedHealth();
        boolean inPlace = redraw != null ? redraw : System.console() != null;
        MonitorOutput view = json ? new JsonLinesOutput(out) : new TerminalView(out, title, inPlace);
        aftershock.app.history.SignalHistory history = openHistory();
        MonitorOutput output = history == null ? view : new aftershock.app.monitor.HistoryOutput(view, history, live);
        return new Pipeline(health, history, new MonitorSession(signals, health, everyMs, staleAfterMs, output));
    }

    /** Marks the simulator source in {@link #checkSource}. */
    private static final Path SIM = Path.of("<sim>");

    /**
     * The simulator as a source: the scenario runs first (progress on stderr when a terminal), then its minute-by-minute
     * market events go through the same session — signals, gate, output — as a recording would.
     */
    private Integer sim(PrintWriter out, PrintWriter err) {
        if (recordFile != null || duration != null || speed != null) {
            throw new UserError("--record, --duration and --speed do not apply to --source sim");
        }
        long everyMs = duration("--every", every);
        long staleAfterMs = duration("--stale-after", staleAfter);
        aftershock.sim.scenario.Scenario sc;
        try {
            sc = aftershock.sim.scenario.ScenarioReader.load(scenario, sets);
        } catch (aftershock.sim.scenario.ScenarioException e) {
            throw new UserError(e.getMessage());
        }
        long runSeed = seed != null ? seed : sc.seed();
        PrintWriter notes = json ? err : out;
        notes.printf(Locale.ROOT, "Simulating %s (seed %d)...%n", sc.name(), runSeed);
        notes.flush();
        aftershock.sim.SimResult result = new aftershock.sim.Simulation(sc, runSeed, false, (java.io.Writer) null).run(x -> { });
        Pipeline pipe = pipeline(out, err, "sim " + sc.name() + " seed " + runSeed, false, everyMs, staleAfterMs);
        FeedHealth health = pipe.health();
        aftershock.app.history.SignalHistory history = pipe.history();
        MonitorSession session = pipe.session();
        java.util.List<aftershock.feeds.MarketEvent> events = aftershock.app.simulate.SimMarketEvents.of(result);
        try {
            for (aftershock.feeds.MarketEvent e : events) {
                // The simulator's feed is healthy by construction: each event counts as a message heard.
                health.received(e.source());
                health.heard(e.source(), e.receiveTsMs(), 1);
                session.accept(e);
            }
            session.finish();
        } finally {
            closeHistory(history, notes);
        }
        notes.printf(Locale.ROOT, "Simulated %s: %d market events (one set a minute: trades, mark/funding, open interest, "
                        + "liquidations, spot tops), %d gate changes%s%n", sc.name(), session.events(), session.gateChanges(),
                session.gateState() == null ? "" : "; gate " + session.gateState());
        notes.flush();
        return 0;
    }

    /** The longest update interval accepted. */
    static final long EVERY_MS_MAX = 7 * 86_400_000L;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", paramLabel = "SOURCE", required = true,
            description = "Where market data comes from: replay (a recording FILE), live (the venues' public feeds) "
                    + "or sim (not available yet).")
    String source;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The recording to replay.")
    Path file;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "nov-3-2025",
            description = "With --source sim: the scenario to simulate (preset or file; default ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--seed", paramLabel = "N", description = "With --source sim: the random seed (default: the scenario's).")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "With --source sim: a scenario override (repeatable).")
    java.util.List<String> sets = new java.util.ArrayList<>();

    @Option(names = "--speed", paramLabel = "N",
            description = "Replay at N times the recorded pace (e.g. 1, 10, 0.5); default: as fast as possible.")
    String speed;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Gate rules (YAML, docs/SIGNALS.md); default: the shipped rules.")
    Path rulesFile;

    @Option(names = "--etf", paramLabel = "FILE",
            description = "ETF daily net flows (CSV, docs/OUTPUTS.md), applied as the replay reaches each day.")
    Path etfFile;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "1m",
            description = "An update every DURATION of event time (e.g. 30s, 1m, 1h; default: ${DEFAULT-VALUE}).")
    String every;

    @Option(names = "--stale-after", paramLabel = "DURATION", defaultValue = "60s",
            description = "A feed silent for longer is stale (default: ${DEFAULT-VALUE}).")
    String staleAfter;

    @Option(names = "--json", description = "One JSON object per update on stdout (docs/SIGNALS.md); "
            + "warnings and the summary go to stderr.")
    boolean json;

    @Option(names = "--strict", description = "Stop at the first bad recording line instead of counting it.")
    boolean strict;

    @Option(names = "--db", paramLabel = "FILE",
            description = "Also keep the history of signals, gate states and feed health in this DuckDB file "
                    + "(appended to if it exists; docs/SIGNALS.md).")
    Path dbFile;

    @Option(names = "--export", paramLabel = "DIR",
            description = "With --db: at the end, export every history table to DIR as Parquet and CSV.")
    Path exportDir;

    @Option(names = "--record", paramLabel = "FILE",
            description = "With --source live: also write every raw message to FILE (JSON Lines, .gz compresses).")
    Path recordFile;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "With --source live: stop after DURATION (e.g. 10m); default: until interrupted (Ctrl-C).")
    String duration;

    /** The pacing clock (tests replace it so that they never sleep). */
    ReplayClock clock = ReplayClock.SYSTEM;
    /** Redraw in place: null decides by whether there is a console. */
    Boolean redraw;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path recording = checkSource();
        if (recording == null) {
            return live(out, err);
        }
        if (recording == SIM) {
            return sim(out, err);
        }
        if (recordFile != null || duration != null) {
            throw new UserError("--record and --duration apply to --source live only");
        }
        long everyMs = duration("--every", every);
        long staleAfterMs = duration("--stale-after", staleAfter);
        ReplaySpeed pace = pace();

        Pipeline pipe = pipeline(out, err, "replay " + recording + (pace.paced() ? " at " + pace : ""), false, everyMs,
                staleAfterMs);
        FeedHealth health = pipe.health();
        aftershock.app.history.SignalHistory history = pipe.history();
        MonitorSession session = pipe.session();
        Replayer replayer = new Replayer(SourceParsers.all(health), session).pacing(pace, clock).strict(strict);
        ReplayReport report;
        try {
            report = replay(replayer, recording);
            session.finish();
        } finally {
            closeHistory(history, json ? err : out);
        }

        PrintWriter notes = json ? err : out;
        for (String bad : report.badLineDescriptions()) {
            err.println("aftershock: warning: bad line " + bad);
        }
        if (report.badLines() > report.badLineDescriptions().size()) {
            err.println("aftershock: warning: " + (report.badLines() - report.badLineDescriptions().size())
                    + " more bad lines not described");
        }
        String issues = feedIssues(health);
        if (!issues.isEmpty()) {
            notes.println("Feed issues (messages not used): " + issues);
        }
        if (session.events() == 0) {
            notes.println("No market events in " + recording + ": nothing to show.");
        }
        notes.printf(Locale.ROOT, "Replayed %d messages (%d lines) from %s: %d events, %d bad lines, %d gate changes"
                        + "%s%s%n", report.messages(), report.lines(), recording, session.events(), report.badLines(),
                session.gateChanges(), session.gateState() == null ? "" : "; gate " + session.gateState(),
                report.interrupted() ? " (interrupted)" : "");
        notes.flush();
        return 0;
    }

    /**
     * Live mode: the venues' public WebSocket/REST feeds (aftershock.feeds.live, endpoints in docs/FEEDS.md) into the
     * same session as a replay, optionally recorded, until --duration or Ctrl-C.
     */
    private Integer live(PrintWriter out, PrintWriter err) {
        if (speed != null) {
            throw new UserError("--speed applies to --source replay only");
        }
        long everyMs = duration("--every", every);
        long staleAfterMs = duration("--stale-after", staleAfter);
        long runMs = duration == null ? Long.MAX_VALUE : duration("--duration", duration);
        Pipeline pipe = pipeline(out, err, "live", true, everyMs, staleAfterMs);
        FeedHealth health = pipe.health();
        aftershock.app.history.SignalHistory history = pipe.history();
        MonitorSession session = pipe.session();
        java.util.List<aftershock.feeds.live.ConnectorConfig> connectors = java.util.List.of(
                aftershock.feeds.live.ConnectorConfig.binanceUsdm(java.util.List.of("BTCUSDT", "ETHUSDT")),
                aftershock.feeds.live.ConnectorConfig.binanceSpot(java.util.List.of("BTCUSDT", "ETHUSDT")),
                aftershock.feeds.live.ConnectorConfig.coinbase(java.util.List.of("BTC-USD", "USDT-USD")),
                aftershock.feeds.live.ConnectorConfig.bybit(java.util.List.of("BTCUSDT", "ETHUSDT")));
        aftershock.feeds.record.RecordingWriter recorder = null;
        if (recordFile != null) {
            try {
                recorder = aftershock.feeds.record.RecordingWriter.create(recordFile);
            } catch (IOException e) {
                throw new UserError(fileProblem(recordFile, e));
            }
        }
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "aftershock-monitor-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (aftershock.feeds.live.LiveFeeds.Handle feeds = aftershock.feeds.live.LiveFeeds.start(connectors, session,
                health, java.util.Optional.ofNullable(recorder), aftershock.feeds.live.LiveClock.SYSTEM)) {
            if (runMs == Long.MAX_VALUE) {
                stop.await();
            } else {
                stop.await(runMs, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook has run
            }
            if (recorder != null) {
                try {
                    recorder.close();
                } catch (IOException e) {
                    err.println("aftershock: warning: " + fileProblem(recordFile, e));
                }
            }
        }
        session.finish();
        PrintWriter notes = json ? err : out;
        closeHistory(history, notes);
        String issues = feedIssues(health);
        if (!issues.isEmpty()) {
            notes.println("Feed issues: " + issues);
        }
        notes.printf(Locale.ROOT, "Live session: %d events, %d gate changes%s%n", session.events(), session.gateChanges(),
                session.gateState() == null ? "" : "; gate " + session.gateState());
        notes.flush();
        return 0;
    }

    private aftershock.app.history.SignalHistory openHistory() {
        if (dbFile == null) {
            if (exportDir != null) {
                throw new UserError("--export needs --db FILE");
            }
            return null;
        }
        try {
            return aftershock.app.history.SignalHistory.open(dbFile);
        } catch (aftershock.app.history.SignalHistoryException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void closeHistory(aftershock.app.history.SignalHistory history, PrintWriter notes) {
        if (history == null) {
            return;
        }
        try {
            history.flush();
            if (exportDir != null) {
                java.util.List<Path> files = new java.util.ArrayList<>(history.exportParquet(exportDir));
                files.addAll(history.exportCsv(exportDir));
                notes.println("History exported: " + files.size() + " files in " + exportDir);
            }
            history.close();
            notes.println("History: " + dbFile);
        } catch (aftershock.app.history.SignalHistoryException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The recording to replay; the sources that do not exist yet are a one-line error saying who provides them. */
    private Path checkSource() {
        switch (source) {
            case "replay":
                if (file == null) {
                    throw new UserError("--source replay needs a recording FILE (format: docs/OUTPUTS.md), e.g. "
                            + "aftershock monitor --source replay examples/recorded/nov3-sample.jsonl");
                }
                return file;
            case "live":
                if (file != null) {
                    throw new UserError("--source live takes no FILE (use --record FILE to record the session)");
                }
                return null;
            case "sim":
                if (file != null) {
                    throw new UserError("--source sim takes no FILE (choose the scenario with --scenario)");
                }
                return SIM;
            default:
                throw new UserError("--source must be replay, live or sim, was '" + source + "'");
        }
    }

    private static long duration(String option, String text) {
        long ms;
        try {
            ms = DurationText.parseMs(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UserError(option + ": '" + text + "' is not a duration (expected e.g. 30s, 1m, 4h, 1d)");
        }
        if (ms < 1_000 || ms > EVERY_MS_MAX) {
            throw new UserError(option + " must be from 1s to 7d, was '" + text + "'");
        }
        return ms;
    }

    private ReplaySpeed pace() {
        if (speed == null) {
            return ReplaySpeed.asFastAsPossible();
        }
        try {
            return ReplaySpeed.parse(speed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private GateRules rules(SignalsConfig config) {
        try {
            if (rulesFile == null) {
                return GateRules.defaults(Signals.signalNames(config));
            }
            return GateRules.parse(rulesFile.toString(), InputFiles.readText(rulesFile), Signals.signalNames(config));
        } catch (GateRulesException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static EtfFlowTable etf(Path file) {
        try {
            return EtfFlowCsv.read(file);
        } catch (EtfFlowFormatException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(fileProblem(file, e));
        }
    }

    private static ReplayReport replay(Replayer replayer, Path recording) {
        if (Files.isDirectory(recording)) {
            throw new UserError(recording + ": is a directory, not a recording");
        }
        try {
            return replayer.replay(recording);
        } catch (ZipException e) {
            throw new UserError(recording + ": not a readable gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            // RecordingFormatException (strict mode) already names file and line.
            throw new UserError(e instanceof RecordingFormatException
                    ? e.getMessage() : fileProblem(recording, e));
        }
    }

    private static String fileProblem(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        return file + ": cannot read (" + e.getMessage() + ")";
    }

    /** Parser issues by source and reason, e.g. {@code coinbase malformed-json=1}; empty when none. */
    private static String feedIssues(FeedHealth health) {
        StringBuilder sb = new StringBuilder();
        for (FeedSource s : FeedSource.values()) {
            for (Map.Entry<String, Long> e : health.issues(s).entrySet()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(s.id()).append(' ').append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return sb.toString();
    }
}
