package aftershock.app;

import aftershock.app.script.CommandScript;
import aftershock.app.script.ScriptException;
import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Event;
import aftershock.engine.api.PriceLevel;
import aftershock.engine.api.Side;
import aftershock.engine.api.Venue;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays a command script through the venue and shows what happened: a timeline of the commands that traded,
 * triggered or were rejected, then a summary. The embedded default is a stop-loss cascade into a thin book.
 */
@CommandLine.Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay a command script through the matching engine and summarise what happened.",
                "Without --script, runs the embedded 'cascade' script (examples/cascade.txt):",
                "makers quote, leveraged longs set stop-losses, a maker pulls out, a seller hits the bids."})
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--script", paramLabel = "FILE", description = "Command script to replay (format: docs/SCRIPTS.md).")
    Path script;

    @Option(names = "--events", paramLabel = "FILE", description = "Also write the full event log, one event a line.")
    Path eventsFile;

    @Option(names = {"-v", "--verbose"}, description = "Print every event, not just the timeline.")
    boolean verbose;

    @Option(names = "--check-invariants", description = "Audit the whole book after every command (slower).")
    boolean checkInvariants;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        CommandScript cs = load();
        Venue venue = new Venue(cs.instrument());
        out.printf("Aftershock demo: %s (%s, %d commands)%n%n", cs.source(), cs.instrument().symbol(), cs.commands().size());
        List<Event> all = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> rejects = new TreeMap<>();
        long volumeE8 = 0;
        long notionalE8 = 0;
        long high = 0;
        long low = Long.MAX_VALUE;
        long first = 0;
        out.printf("%-9s %-5s %-11s %7s %12s %-25s %s%n", "time", "line", "command", "trades", "volume", "price range", "notes");
        for (int i = 0; i < cs.commands().size(); i++) {
            Command c = cs.commands().get(i);
            List<Event> events = venue.submit(c);
            if (checkInvariants) {
                venue.book().checkInvariants();
            }
            all.addAll(events);
            int trades = 0;
            long vol = 0;
            long lo = Long.MAX_VALUE;
            long hi = 0;
            long firstPx = 0;
            long lastPx = 0;
            int triggered = 0;
            List<String> notes = new ArrayList<>();
            for (Event e : events) {
                kinds.merge(e.kind().name(), 1, Integer::sum);
                if (verbose) {
                    out.println("    " + e.toLogLine());
                }
                switch (e.kind()) {
                    case TRADE -> {
                        Event.Trade t = (Event.Trade) e;
                        trades++;
                        vol += t.qtyE8();
                        notionalE8 += cs.instrument().notionalE8(t.priceE8() / cs.instrument().tickSizeE8(),
                                t.qtyE8() / cs.instrument().stepSizeE8());
                        lo = Math.min(lo, t.priceE8());
                        hi = Math.max(hi, t.priceE8());
                        if (firstPx == 0) {
                            firstPx = t.priceE8();
                        }
                        lastPx = t.priceE8();
                        if (first == 0) {
                            first = t.priceE8();
                        }
                    }
                    case TRIGGERED -> triggered++;
                    case REJECTED -> {
                        Event.OrderRejected r = (Event.OrderRejected) e;
                        rejects.merge(r.reason().name(), 1, Integer::sum);
                        notes.add("rejected: " + r.reason());
                    }
                    case CANCELLED -> {
                        if (((Event.OrderCancelled) e).reason() == aftershock.engine.api.CancelReason.CANCEL_ALL) {
                            notes.add("cancel-all");
                        }
                    }
                    default -> {
                    }
                }
            }
            volumeE8 += vol;
            if (trades > 0) {
                high = Math.max(high, hi);
                low = Math.min(low, lo);
            }
            if (triggered > 0) {
                notes.add(0, triggered + " stop" + (triggered > 1 ? "s" : "") + " triggered");
            }
            if (trades > 0 || !notes.isEmpty()) {
                String range = trades == 0 ? "" : DecimalE8.format(firstPx) + (firstPx == lastPx ? "" : " → " + DecimalE8.format(lastPx));
                out.printf("%-9s %-5d %-11s %7s %12s %-25s %s%n", time(c.tsNanos()), cs.lineNumbers().get(i), verb(c),
                        trades == 0 ? "" : Integer.toString(trades), trades == 0 ? "" : DecimalE8.format(vol),
                        range, String.join("; ", dedupe(notes)));
            }
        }
        String hash = sha256(all);
        if (eventsFile != null) {
            List<String> lines = new ArrayList<>(all.size());
            for (Event e : all) {
                lines.add(e.toLogLine());
            }
            Files.write(eventsFile, lines, StandardCharsets.UTF_8);
        }
        out.println();
        out.println("Summary");
        out.printf("  events          %d  %s%n", all.size(), kinds);
        out.printf("  traded          %s %s, %s %s notional%n", DecimalE8.format(volumeE8), cs.instrument().baseAsset(),
                DecimalE8.format(notionalE8), cs.instrument().quoteAsset());
        if (first != 0) {
            out.printf("  price           first %s, high %s, low %s, last %s%n", DecimalE8.format(first),
                    DecimalE8.format(high), DecimalE8.format(low), DecimalE8.format(venue.lastPriceE8()));
        }
        if (!rejects.isEmpty()) {
            out.printf("  rejections      %s%n", rejects);
        }
        out.printf("  book now        best bid %s, best ask %s, %d open orders%n", price(venue.bestBidE8()),
                price(venue.bestAskE8()), venue.book().openOrderCount());
        List<PriceLevel> bids = venue.depth(Side.BUY, 5);
        List<PriceLevel> asks = venue.depth(Side.SELL, 5);
        out.println("  top of book     bids                    | asks");
        for (int i = 0; i < Math.max(bids.size(), asks.size()); i++) {
            String b = i < bids.size() ? String.format("%12s x %-9s", DecimalE8.format(bids.get(i).priceE8()),
                    DecimalE8.format(bids.get(i).qtyE8())) : "";
            String a = i < asks.size() ? String.format("%12s x %-9s", DecimalE8.format(asks.get(i).priceE8()),
                    DecimalE8.format(asks.get(i).qtyE8())) : "";
            out.printf("                  %-23s | %s%n", b, a);
        }
        out.printf("  event log       sha256 %s%s%n", hash, eventsFile == null ? "" : "  (" + eventsFile + ")");
        out.flush();
        return 0;
    }

    private CommandScript load() throws IOException {
        try {
            if (script == null) {
                try (InputStream in = DemoCommand.class.getResourceAsStream("/aftershock/demo/cascade.txt")) {
                    if (in == null) {
                        throw new IllegalStateException("embedded demo script missing from the jar");
                    }
                    return CommandScript.parse("embedded script 'cascade'", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            String text = InputFiles.readText(script);
            return CommandScript.parse(script.toString(), text);
        } catch (ScriptException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static List<String> dedupe(List<String> notes) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String n : notes) {
            counts.merge(n, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        counts.forEach((n, k) -> out.add(k > 1 ? n + " ×" + k : n));
        return out;
    }

    private static String price(long e8) {
        return e8 == 0 ? "none" : DecimalE8.format(e8);
    }

    private static String verb(Command c) {
        return switch (c.kind()) {
            case PLACE -> {
                Command.PlaceOrder p = (Command.PlaceOrder) c;
                yield p.side().name().toLowerCase() + " " + p.type().name().toLowerCase().replace("_market", "").replace("take_profit", "tp");
            }
            case CANCEL -> "cancel";
            case CANCEL_ALL -> "cancel-all";
            case AMEND -> "amend";
            case MARK_PRICE -> "mark";
        };
    }

    private static String time(long nanos) {
        long s = nanos / 1_000_000_000L;
        long ms = nanos / 1_000_000L % 1000;
        return String.format("%02d:%02d:%02d%s", s / 3600, s / 60 % 60, s % 60, ms == 0 ? "" : "." + String.format("%03d", ms));
    }

    static String sha256(List<Event> events) {
        MessageDigest md = InputFiles.sha256();
        for (Event e : events) {
            md.update(e.toLogLine().getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
