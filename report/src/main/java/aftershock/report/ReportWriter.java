package aftershock.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a {@link ReportData} as one self-contained HTML file: Apache ECharts read from its WebJar on the classpath
 * and inlined, the data embedded as JSON, the page's own script and style inlined. It opens from disk with no network.
 *
 * <p>The header, the key figures, the fact and comparison tables, the event tables and the notes are plain HTML
 * (readable without script); the charts are drawn by the page's script from the embedded data. Each chart container
 * ({@code div.chart}) is marked once drawn: {@code data-rendered="true" data-points="N"} (values drawn), or
 * {@code data-rendered="false" data-points="0"} with a "no data in this run" note. Script errors and
 * {@code console.error} calls are collected into the hidden {@code #report-errors} element, so a test that loads the
 * page can read them. The same data gives the same bytes: no clock, no randomness.
 */
public final class ReportWriter {
    /** The version of the ECharts WebJar the page inlines (a dependency of this module). */
    public static final String ECHARTS_VERSION = "5.3.1";
    static final String ECHARTS_RESOURCE = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION
            + "/dist/echarts.min.js";
    private static final Pattern SCRIPT_END = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);

    private ReportWriter() {
    }

    /** Writes the report to {@code html} (replaced whole: written beside it, then moved into place). */
    public static void write(ReportData data, Path html) throws IOException {
        String page = render(data);
        Path dir = html.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = html.toAbsolutePath().resolveSibling("." + html.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, page, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, html, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The report as one HTML document. */
    public static String render(ReportData data) {
        StringBuilder h = new StringBuilder(4 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Aftershock report (Apache ECharts ")
                .append(ECHARTS_VERSION).append(")\">\n")
                .append("<title>").append(esc(data.title())).append(" \u2014 Aftershock</title>\n")
                // First of all, so that every later error is caught, including the chart library's.
                .append("<script>").append(resource("error-capture.js")).append("</script>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n")
                .append("</head>\n<body>\n");
        header(h, data);
        comparison(h, data);
        contents(h, data);
        List<String> symbols = data.symbols();
        for (int i = 0; i < symbols.size(); i++) {
            instrument(h, data, symbols.get(i), i);
        }
        venue(h, data);
        events(h, data);
        notes(h, data);
        h.append("<footer>Aftershock report \u00b7 scenario ").append(esc(data.scenario())).append(" \u00b7 seed ")
                .append(data.seed()).append(" \u00b7 all times UTC \u00b7 charts by Apache ECharts ")
                .append(ECHARTS_VERSION).append(" (inlined; the page needs no network)</footer>\n")
                .append("<pre id=\"report-errors\" hidden></pre>\n")
                .append("<script type=\"application/json\" id=\"report-data\">").append(ReportJson.of(data))
                .append("</script>\n")
                .append("<script>").append(safeScript(echarts())).append("</script>\n")
                .append("<script>").append(resource("report.js")).append("</script>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, ReportData data) {
        h.append("<header class=\"top\">\n<div class=\"wrap\">\n<div class=\"brand\">Aftershock \u00b7 stress report</div>\n")
                .append("<h1>").append(esc(data.title())).append("</h1>\n<div class=\"meta\">")
                .append("<span>Scenario <b>").append(esc(data.scenario())).append("</b></span>")
                .append("<span>Seed <b>").append(data.seed()).append("</b></span>")
                .append("<span>Baseline <b>").append(esc(data.baseline().name())).append("</b></span>");
        if (data.variants().size() > 1) {
            h.append("<span>Variants <b>").append(data.variants().size()).append("</b></span>");
        }
        h.append("</div>\n");
        if (!data.generatedFrom().isBlank()) {
            h.append("<div class=\"cmd\"><span>Reproduce</span><code>").append(esc(data.generatedFrom()))
                    .append("</code></div>\n");
        }
        h.append("</div>\n</header>\n<main class=\"wrap\">\n");
        if (!data.keyFigures().isEmpty()) {
            h.append("<section class=\"figures\" aria-label=\"Key figures\">\n");
            for (KeyFigure f : data.keyFigures()) {
                h.append("<div class=\"figure\"><div class=\"value\">").append(esc(f.formatted()))
                        .append("</div><div class=\"label\">").append(esc(f.label())).append("</div></div>\n");
            }
            h.append("</section>\n");
        }
        if (!data.facts().isEmpty()) {
            h.append("<section class=\"card\" id=\"facts\">\n<h2>Fact vs simulated</h2>\n")
                    .append("<table class=\"grid facts\">\n<thead><tr><th>Measure</th><th class=\"num\">Fact</th>")
                    .append("<th class=\"num\">Simulated</th><th class=\"num\">Difference</th><th>Source / note</th>")
                    .append("</tr></thead>\n<tbody>\n");
            for (FactRow f : data.facts()) {
                h.append("<tr><td>").append(esc(f.what())).append("</td><td class=\"num\">")
                        .append(esc(f.unit().format(f.fact()))).append("</td><td class=\"num\">")
                        .append(esc(f.unit().format(f.simulated()))).append("</td><td class=\"num diff\">")
                        .append(esc(f.difference())).append("</td><td class=\"note\">").append(esc(f.note()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }
    }

    private static void comparison(StringBuilder h, ReportData data) {
        Comparison c = data.comparison();
        if (c.isEmpty()) {
            return;
        }
        h.append("<section class=\"card comparison\" id=\"comparison\">\n<h2>Policy comparison</h2>\n");
        if (!c.verdict().isBlank()) {
            h.append("<p class=\"verdict\">").append(esc(c.verdict())).append("</p>\n");
        }
        if (!c.rows().isEmpty()) {
            h.append("<table class=\"grid\">\n<thead><tr>");
            for (int i = 0; i < c.columns().size(); i++) {
                h.append(i == 0 ? "<th>" : "<th class=\"num\">").append(esc(c.columns().get(i))).append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            for (int r = 0; r < c.rows().size(); r++) {
                List<String> row = c.rows().get(r);
                h.append(r == 0 ? "<tr class=\"baseline\">" : "<tr>");
                for (int i = 0; i < row.size(); i++) {
                    h.append(i == 0 ? "<td>" : "<td class=\"num\">").append(esc(row.get(i))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    private static void contents(StringBuilder h, ReportData data) {
        h.append("<nav class=\"contents\"><span>Jump to</span>");
        List<String> symbols = data.symbols();
        for (int i = 0; i < symbols.size(); i++) {
            h.append("<a href=\"#instrument-").append(i).append("\">").append(esc(symbols.get(i))).append("</a>");
        }
        h.append("<a href=\"#venue\">Venue</a><a href=\"#events\">ADL &amp; halts</a>");
        if (!data.notes().isEmpty()) {
            h.append("<a href=\"#notes\">Notes</a>");
        }
        h.append("<span class=\"hint\">Drag the slider under a chart to zoom: every time chart follows. "
                + "Click a legend entry to hide a series.</span></nav>\n");
    }

    private static void instrument(StringBuilder h, ReportData data, String symbol, int i) {
        h.append("<section class=\"instrument\" id=\"instrument-").append(i).append("\">\n<h2>")
                .append(esc(symbol)).append("</h2>\n");
        chart(h, "price", i, "Price (last, mark, index), ADL fills and halts; liquidations per minute below",
                "tall");
        h.append("<div class=\"row\">\n");
        chart(h, "oi", i, "Open interest", "");
        chart(h, "funding", i, "Funding rate (per interval)", "");
        h.append("</div>\n");
        chart(h, "depth", i, "Order-book depth within \u00b11 % and \u00b12 % of mid", "");
        h.append("<div class=\"heat-head\"><h3>Liquidation map: true vs estimated</h3>");
        List<String> withMaps = new ArrayList<>();
        for (Variant v : data.variants()) {
            InstrumentSeries s = v.instrument(symbol);
            if (s != null && !(s.trueHeatmap().isEmpty() && s.estimatedHeatmap().isEmpty())) {
                withMaps.add(v.name());
            }
        }
        if (withMaps.size() > 1) {
            h.append("<label>Variant <select class=\"heat-variant\" data-instrument=\"").append(i).append("\">");
            for (String name : withMaps) {
                h.append("<option value=\"").append(esc(name)).append("\">").append(esc(name)).append("</option>");
            }
            h.append("</select></label>");
        }
        h.append("</div>\n<div class=\"row\">\n");
        chart(h, "heat-true", i, "True: from the simulated positions", "heat");
        chart(h, "heat-estimated", i, "Estimated: as a data vendor infers it from open-interest changes", "heat");
        h.append("</div>\n</section>\n");
    }

    private static void venue(StringBuilder h, ReportData data) {
        h.append("<section class=\"instrument\" id=\"venue\">\n<h2>Venue</h2>\n<div class=\"row\">\n");
        chart(h, "premium", -1, "Coinbase premium (Coinbase BTC-USD vs Binance BTCUSDT spot)", "");
        chart(h, "fund", -1, "Insurance fund balance", "");
        h.append("</div>\n");
        chart(h, "adl", -1, "ADL fills: deviation of the execution price from the mark", "");
        h.append("</section>\n");
    }

    private static void chart(StringBuilder h, String kind, int instrument, String title, String size) {
        h.append("<figure class=\"panel ").append(size).append("\"><figcaption>").append(esc(title))
                .append("</figcaption><div class=\"chart\" data-chart=\"").append(kind).append('"');
        if (instrument >= 0) {
            h.append(" data-instrument=\"").append(instrument).append('"');
        }
        h.append(" id=\"chart-").append(kind).append(instrument >= 0 ? "-" + instrument : "")
                .append("\"></div></figure>\n");
    }

    private static void events(StringBuilder h, ReportData data) {
        h.append("<section class=\"card\" id=\"events\">\n<h2>ADL fills and halts</h2>\n")
                .append("<table class=\"grid\">\n<thead><tr><th>Variant</th><th class=\"num\">ADL fills</th>")
                .append("<th class=\"num\">Deleveraged notional</th><th class=\"num\">Mean deviation</th>")
                .append("<th class=\"num\">Max deviation</th><th class=\"num\">Halts</th>")
                .append("<th class=\"num\">Time with a halt</th></tr></thead>\n<tbody>\n");
        for (Variant v : data.variants()) {
            double notional = 0;
            double devSum = 0;
            double devMax = Double.NaN;
            for (AdlEvent e : v.adlEvents()) {
                notional += e.notionalUsd();
                devSum += e.deviationPct();
                devMax = Double.isNaN(devMax) ? e.deviationPct() : Math.max(devMax, e.deviationPct());
            }
            int n = v.adlEvents().size();
            long haltedMs = haltedMs(v.halts());
            h.append("<tr><td>").append(esc(v.name())).append("</td><td class=\"num\">")
                    .append(Unit.COUNT.format(n)).append("</td><td class=\"num\">").append(Unit.USD.format(notional))
                    .append("</td><td class=\"num\">").append(Unit.PERCENT.format(n == 0 ? Double.NaN : devSum / n))
                    .append("</td><td class=\"num\">").append(Unit.PERCENT.format(devMax)).append("</td><td class=\"num\">")
                    .append(Unit.COUNT.format(v.halts().size())).append("</td><td class=\"num\">")
                    .append(v.halts().isEmpty() ? "\u2014" : Unit.SECONDS.format(haltedMs / 1000.0))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        List<String[]> halts = new ArrayList<>();
        for (Variant v : data.variants()) {
            for (Halt x : v.halts()) {
                halts.add(new String[] {v.name(), x.symbol().equals(Halt.ALL_SYMBOLS) ? "all" : x.symbol(),
                        Unit.TIME.format(x.startMs()), Unit.SECONDS.format((x.endMs() - x.startMs()) / 1000.0),
                        x.reason()});
            }
        }
        if (!halts.isEmpty()) {
            h.append("<h3>Halts</h3>\n<table class=\"grid\">\n<thead><tr><th>Variant</th><th>Instrument</th>")
                    .append("<th>Start</th><th class=\"num\">Duration</th><th>Reason</th></tr></thead>\n<tbody>\n");
            for (String[] row : halts) {
                h.append("<tr><td>").append(esc(row[0])).append("</td><td>").append(esc(row[1]))
                        .append("</td><td>").append(esc(row[2])).append("</td><td class=\"num\">").append(esc(row[3]))
                        .append("</td><td>").append(esc(row[4])).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</section>\n");
    }

    /** The time during which at least one instrument was halted (overlapping halts count once), ms. */
    static long haltedMs(List<Halt> halts) {
        List<Halt> byStart = new ArrayList<>(halts);
        byStart.sort(java.util.Comparator.comparingLong(Halt::startMs));
        long total = 0;
        long coveredTo = Long.MIN_VALUE;
        for (Halt x : byStart) {
            long from = Math.max(x.startMs(), coveredTo);
            if (x.endMs() > from) {
                total += x.endMs() - from;
                coveredTo = x.endMs();
            }
        }
        return total;
    }

    private static void notes(StringBuilder h, ReportData data) {
        if (!data.notes().isEmpty()) {
            h.append("<section class=\"card\" id=\"notes\">\n<h2>Notes</h2>\n");
            for (String n : data.notes()) {
                h.append("<p>").append(esc(n)).append("</p>\n");
            }
            h.append("</section>\n");
        }
        h.append("</main>\n");
    }

    /** Text for HTML element content and quoted attribute values. */
    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String safeScript(String js) {
        return SCRIPT_END.matcher(js).replaceAll("<\\\\/$1");
    }

    private static volatile String echarts;

    /** echarts.min.js from the WebJar (read once). */
    static String echarts() {
        String js = echarts;
        if (js == null) {
            js = classpathText(ECHARTS_RESOURCE, "the ECharts WebJar (org.webjars.npm:echarts:" + ECHARTS_VERSION
                    + ") is not on the classpath");
            echarts = js;
        }
        return js;
    }

    private static String resource(String name) {
        return classpathText("aftershock/report/" + name, "report resource " + name + " is missing from the jar");
    }

    private static String classpathText(String path, String missing) {
        ClassLoader loader = ReportWriter.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(missing + " (" + path + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
