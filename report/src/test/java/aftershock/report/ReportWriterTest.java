package aftershock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML file itself, without a browser (ReportBrowserTest opens it in one). */
class ReportWriterTest {
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void thePageIsOneSelfContainedFileThatNeedsNoNetwork() throws Exception {
        Path html = dir.resolve("run").resolve("report.html");
        ReportWriter.write(SyntheticReport.twoVariants(7), html);
        String file = Files.readString(html, StandardCharsets.UTF_8);

        assertTrue(file.startsWith("<!DOCTYPE html>"));
        assertTrue(file.contains(ReportWriter.echarts()), "ECharts inlined whole");
        // The page around the library (whose code holds markup strings such as "<img src=" for its own use).
        String page = file.replace(ReportWriter.echarts(), "");
        assertFalse(Pattern.compile("<(script|img|iframe)[^>]*\\ssrc=", Pattern.CASE_INSENSITIVE).matcher(page).find(),
                "no external script, image or frame");
        assertFalse(Pattern.compile("<link\\b", Pattern.CASE_INSENSITIVE).matcher(page).find(), "no stylesheet link");
        assertFalse(Pattern.compile("@import|url\\(\\s*['\"]?https?:", Pattern.CASE_INSENSITIVE).matcher(page).find(),
                "no style fetched from the network");
        assertTrue(file.indexOf("window.onerror") < file.indexOf(ReportWriter.echarts()),
                "errors are captured before the chart library loads");
        assertTrue(page.indexOf("Policy comparison") < page.indexOf("id=\"instrument-0\""), "comparison at the top");
        assertFalse(Files.list(html.getParent()).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
                "no temporary file left");
    }

    @Test
    void theSameDataGivesTheSameBytes() {
        assertEquals(ReportWriter.render(SyntheticReport.twoVariants(3)),
                ReportWriter.render(SyntheticReport.twoVariants(3)));
    }

    @Test
    void textIsEscapedEverywhereSoDataCannotBreakThePage() throws Exception {
        String hostile = "</script><script>alert(1)</script> & \u2028 \"q\" 'a'";
        Variant.Builder v = Variant.builder(hostile).minute(SyntheticReport.START_MS);
        v.instrument("BTCUSDT").mark(100).index(Double.NaN);
        v.halt(new Halt("BTCUSDT", SyntheticReport.START_MS, SyntheticReport.START_MS + 1, hostile));
        ReportData data = ReportData.builder(hostile).scenario(hostile).seed(Long.MIN_VALUE).generatedFrom(hostile)
                .keyFigure(hostile, 1, Unit.COUNT).fact(hostile, 1, 2, Unit.COUNT, hostile).variant(v.build())
                .comparison(java.util.List.of(hostile), java.util.List.of(java.util.List.of(hostile)), hostile)
                .note(hostile).build();

        String page = ReportWriter.render(data);

        assertEquals(4, count(page.replace(ReportWriter.echarts(), ""), "<script"),
                "error capture, data, ECharts, the page's script: no script from the data");
        assertFalse(page.contains("<script>alert(1)"));
        Matcher m = DATA.matcher(page);
        assertTrue(m.find());
        JsonNode json = new ObjectMapper().readTree(m.group(1));
        assertEquals(hostile, json.get("title").asText(), "the JSON reads back exactly");
        assertEquals(Long.toString(Long.MIN_VALUE), json.get("seed").asText(), "a 64-bit seed survives JavaScript");
        assertTrue(json.at("/variants/0/instruments/BTCUSDT/index/0").isNull(), "NaN is null in the page's data");
        assertFalse(m.group(1).contains("\u2028"), "line separators escaped for JavaScript");
    }

    @Test
    void theEmbeddedDataHasEverySeriesOnItsClockAndSparseHeatmaps() throws Exception {
        ReportData data = SyntheticReport.twoVariants(11);
        Matcher m = DATA.matcher(ReportWriter.render(data));
        assertTrue(m.find());
        JsonNode json = new ObjectMapper().readTree(m.group(1));

        assertEquals(2, json.get("variants").size());
        assertEquals("BTCUSDT", json.at("/symbols/0").asText());
        JsonNode btc = json.at("/variants/0/instruments/BTCUSDT");
        assertEquals(1440, btc.get("close").size());
        assertEquals(1440, json.at("/variants/0/times").size());
        assertEquals(SyntheticReport.START_MS, json.at("/range/0").asLong());
        Heatmap heat = data.baseline().instrument("BTCUSDT").trueHeatmap();
        JsonNode cells = btc.at("/trueHeatmap/cells");
        long nonZero = 0;
        for (int t = 0; t < heat.timesMs().length; t++) {
            for (int b = 0; b < heat.priceBucketsUsd().length; b++) {
                nonZero += heat.valueUsd(t, b) > 0 ? 1 : 0;
            }
        }
        assertEquals(nonZero, cells.size(), "one cell per non-zero value");
        JsonNode first = cells.get(0);
        assertEquals(heat.valueUsd(first.get(0).asInt(), first.get(1).asInt()), first.get(2).asDouble(),
                heat.valueUsd(first.get(0).asInt(), first.get(1).asInt()) * 1e-7, "8 significant digits");
        assertTrue(btc.at("/trueHeatmap/uniform").asBoolean());
        assertEquals(2, json.at("/variants/1/halts").size(), "the halted variant's two halts");
        assertEquals("BTCUSDT", json.at("/variants/1/halts/0/0").asText());
        assertEquals(0, json.at("/variants/0/halts").size());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
