package aftershock.app;

import aftershock.app.run.EventJson;
import aftershock.app.run.RunScript;
import aftershock.app.run.Summary;
import aftershock.app.script.ScriptException;
import aftershock.engine.api.Checks;
import aftershock.engine.api.Event;
import aftershock.engine.exchange.Exchange;
import aftershock.engine.exchange.ExchangeCommand;
import aftershock.engine.exchange.ExchangeEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Runs a scripted scenario (YAML) on the full exchange — accounts, margin, index/mark, funding — and writes the event
 * log as JSON Lines and a summary of balances and positions (console and JSON).
 */
@CommandLine.Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scripted scenario (YAML: instruments, accounts, timeline) on the exchange.",
                "Prints rejections, snapshots and a final summary of balances and positions.",
                "Script format: docs/SCRIPTS.md; outputs: docs/OUTPUTS.md; examples: examples/*.yaml"})
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.yaml", description = "The scenario script.")
    Path script;

    @Option(names = "--events", paramLabel = "FILE", description = "Write every event as JSON Lines.")
    Path eventsFile;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the final summary (and snapshots) as JSON.")
    Path summaryFile;

    @Option(names = "--adl-policy", paramLabel = "POLICY",
            description = "Override the script's ADL policy: ${COMPLETION-CANDIDATES}.")
    aftershock.engine.liquidation.AdlPolicy adlPolicy;

    @Option(names = "--liquidation-policy", paramLabel = "POLICY",
            description = "Override the script's liquidation process: ${COMPLETION-CANDIDATES}.")
    aftershock.engine.liquidation.LiquidationPolicy liquidationPolicy;

    @Option(names = "--check-invariants", description = "Audit money conservation and the books after every command "
            + "(on by default in tests; also -Daftershock.checks=true).")
    boolean checkInvariants;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RunScript rs = load();
        Exchange.Config config = rs.config().withChecks(checkInvariants || Checks.FULL);
        if (adlPolicy != null) {
            config = config.withAdlPolicy(adlPolicy);
        }
        if (liquidationPolicy != null) {
            config = config.withLiquidationPolicy(liquidationPolicy);
        }
        Exchange ex = new Exchange(rs.symbols(), config);
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        MessageDigest sha = InputFiles.sha256();
        Map<String, Integer> counts = new TreeMap<>();
        List<Map<String, Object>> snapshots = new ArrayList<>();
        out.printf("Aftershock run: %s (%s; %d steps; liquidation %s, ADL %s)%n", rs.file(),
                String.join(", ", rs.symbols().stream().map(s -> s.instrument().symbol()).toList()), rs.steps().size(),
                config.liquidationPolicy(), config.adlPolicy());
        BufferedWriter events = eventsFile == null ? null : Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8);
        try {
            for (RunScript.Step step : rs.steps()) {
                for (ExchangeCommand c : expand(step.command(), rs)) {
                    for (ExchangeEvent e : ex.submit(c)) {
                        Map<String, Object> m = EventJson.toMap(e);
                        String line = json.writeValueAsString(m);
                        sha.update(line.getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) '\n');
                        if (events != null) {
                            events.write(line);
                            events.write('\n');
                        }
                        String type = (String) m.get("type");
                        counts.merge(type, 1, Integer::sum);
                        reportRejection(out, step, e);
                    }
                }
                if (step.snapshotLabel() != null) {
                    Map<String, Object> snap = Summary.of(ex);
                    snap.put("label", step.snapshotLabel());
                    snapshots.add(snap);
                    out.printf("%nSnapshot '%s' at %s s (line %d)%n", step.snapshotLabel(), snap.get("time"), step.line());
                    printSummary(out, snap);
                }
            }
        } finally {
            if (events != null) {
                events.close();
            }
        }
        Map<String, Object> summary = Summary.of(ex);
        out.printf("%nFinal state at %s s%n", summary.get("time"));
        printSummary(out, summary);
        out.printf("%nEvents: %s%n", counts);
        out.printf("Event log sha256 %s%s%n", HexFormat.of().formatHex(sha.digest()),
                eventsFile == null ? "" : " (" + eventsFile + ")");
        if (summaryFile != null) {
            Map<String, Object> doc = new java.util.LinkedHashMap<>(summary);
            doc.put("snapshots", snapshots);
            json.writerWithDefaultPrettyPrinter().writeValue(summaryFile.toFile(), doc);
            out.printf("Summary JSON: %s%n", summaryFile);
        }
        out.flush();
        return 0;
    }

    /** A spot price without a source sets every index source of the symbol. */
    private static List<ExchangeCommand> expand(ExchangeCommand c, RunScript rs) {
        if (c instanceof ExchangeCommand.SpotPrice p && p.source().equals("*")) {
            List<ExchangeCommand> all = new ArrayList<>();
            for (Exchange.SymbolSetup s : rs.symbols()) {
                if (s.instrument().symbol().equals(p.symbol())) {
                    for (String source : s.indexSources()) {
                        all.add(new ExchangeCommand.SpotPrice(p.tsNanos(), p.symbol(), source, p.priceE8()));
                    }
                }
            }
            return all;
        }
        return List.of(c);
    }

    private static void reportRejection(PrintWriter out, RunScript.Step step, ExchangeEvent e) {
        if (e instanceof ExchangeEvent.Rejected r) {
            out.printf("  line %d: %s rejected: %s%n", step.line(), r.command(), r.reason());
        } else if (e instanceof ExchangeEvent.Book b && b.event() instanceof Event.OrderRejected r) {
            out.printf("  line %d: %s %s rejected: %s%n", step.line(), b.symbol(), r.command(), r.reason());
        }
    }

    @SuppressWarnings("unchecked")
    private static void printSummary(PrintWriter out, Map<String, Object> s) {
        Map<String, Object> accounts = (Map<String, Object>) s.get("accounts");
        out.printf("  %-8s %14s %14s %14s %10s %10s%n", "account", "wallet", "margin bal", "available", "fees", "funding");
        for (Map.Entry<String, Object> e : accounts.entrySet()) {
            Map<String, Object> a = (Map<String, Object>) e.getValue();
            out.printf("  %-8s %14s %14s %14s %10s %10s%n", e.getKey(), r2(a.get("walletBalance")), r2(a.get("marginBalance")),
                    r2(a.get("availableBalance")), r2(a.get("feesPaid")), r2(a.get("fundingPaid")));
        }
        boolean header = false;
        for (Map.Entry<String, Object> e : accounts.entrySet()) {
            Map<String, Object> positions = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("positions");
            for (Map.Entry<String, Object> pe : positions.entrySet()) {
                if (!header) {
                    out.printf("  %-8s %-8s %-5s %9s %11s %11s %11s %4s %-8s %10s %10s %8s %11s %11s%n", "account", "symbol",
                            "side", "qty", "entry", "mark", "uPnL", "lev", "mode", "IM", "MM", "ratio", "liq price", "bankrupt");
                    header = true;
                }
                Map<String, Object> p = (Map<String, Object>) pe.getValue();
                out.printf("  %-8s %-8s %-5s %9s %11s %11s %11s %4s %-8s %10s %10s %8s %11s %11s%n", e.getKey(), pe.getKey(),
                        p.get("side"), p.get("qty"), r2(p.get("entryPrice")), r2(p.get("markPrice")), r2(p.get("unrealizedPnl")),
                        p.get("leverage") + "x", p.get("marginMode"), r2(p.get("initialMargin")), r2(p.get("maintenanceMargin")),
                        pct(p.get("marginRatio")), r2(p.get("liquidationPrice")), r2(p.get("bankruptcyPrice")));
            }
        }
        Map<String, Object> symbols = (Map<String, Object>) s.get("symbols");
        for (Map.Entry<String, Object> e : symbols.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            out.printf("  %s: mark %s, index %s, last %s, last funding rate %s, next funding at %s s%n", e.getKey(),
                    r2(m.get("markPrice")), r2(m.get("indexPrice")), r2(m.get("lastPrice")), m.get("lastFundingRate"),
                    m.get("nextFundingTime"));
        }
    }

    /** Display only: two decimals (the JSON keeps every digit). */
    private static String r2(Object decimal) {
        return decimal == null ? "-" : new BigDecimal((String) decimal).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String pct(Object ratio) {
        return ratio == null ? "∞" : new BigDecimal((String) ratio).movePointRight(2).setScale(2, RoundingMode.HALF_EVEN) + "%";
    }

    private RunScript load() {
        try {
            return RunScript.parse(script.toString(), InputFiles.readText(script));
        } catch (ScriptException e) {
            throw new UserError(e.getMessage());
        }
    }
}
