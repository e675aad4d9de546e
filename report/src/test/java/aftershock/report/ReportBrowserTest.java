package aftershock.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report the way a user does, in headless Chromium (Debian's {@code chromium} package; {@code .ci/run}
 * installs it), and reads the DOM after the page's script ran: every chart drew values, and the page recorded no
 * script error. Without Chromium the tests are skipped, and say so loudly on stderr.
 */
class ReportBrowserTest {
    private static final String SKIPPED = BrowserCheck.SKIPPED;
    private static final long BROWSER_TIMEOUT_SECONDS = 120;
    private static final Pattern ERRORS = Pattern.compile("<pre id=\"report-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL);
    private static final Path OUT = Path.of("target", "browser-test");

    private static String chromium;

    @BeforeAll
    static void findChromium() {
        Optional<String> found = chromiumBinary();
        if (found.isEmpty()) {
            String configured = System.getenv("AFTERSHOCK_CHROMIUM");
            System.err.println();
            System.err.println("=".repeat(SKIPPED.length()));
            System.err.println(SKIPPED);
            if (configured != null && !configured.isBlank()) {
                System.err.println("(AFTERSHOCK_CHROMIUM=" + configured + " is not an executable file)");
            }
            System.err.println("=".repeat(SKIPPED.length()));
            System.err.println();
        }
        chromium = found.orElse(null);
    }

    /** Each test is skipped (not failed) without a browser, so the build summary counts the skips. */
    private static void requireChromium() {
        Assumptions.assumeTrue(chromium != null, SKIPPED);
    }

    @Test
    void everyChartOfATwoVariantDayRendersWithDataAndNoScriptError() throws Exception {
        requireChromium();
        Path html = OUT.resolve("report.html").toAbsolutePath();
        ReportWriter.write(SyntheticReport.twoVariants(42), html);

        String dom = dumpDom(html);

        Map<String, Map<String, String>> charts = charts(dom);
        // Per instrument: price, open interest, funding, depth, true and estimated maps; venue: premium, fund, ADL.
        assertEquals(2 * 6 + 3, charts.size(), "chart containers: " + charts.keySet());
        for (Map.Entry<String, Map<String, String>> c : charts.entrySet()) {
            Map<String, String> a = c.getValue();
            assertEquals("true", a.get("data-rendered"), c.getKey() + " did not render: " + a);
            assertTrue(Long.parseLong(a.getOrDefault("data-points", "0")) > 0, c.getKey() + " drew no point: " + a);
        }
        assertTrue(Long.parseLong(charts.get("chart-price-0").get("data-points")) > 2 * 1440,
                "the BTCUSDT price chart draws both variants' minutes");
        assertEquals("", errors(dom), "errors recorded by the page");
        assertTrue(dom.contains("data-report-ready=\"true\""), "the page marks itself ready once every chart drew");
        assertTrue(dom.contains("Policy comparison"), "two variants: the comparison is shown");
    }

    @Test
    void aChartWithoutDataSaysSoInsteadOfAnEmptyFrame() throws Exception {
        requireChromium();
        Variant.Builder v = Variant.builder("only prices");
        for (int m = 0; m < 120; m++) {
            v.minute(SyntheticReport.START_MS + m * 60_000L);
            double p = 100_000 + m;
            v.instrument("BTCUSDT").ohlc(p, p + 5, p - 5, p + 1).mark(p).index(p);
        }
        ReportData data = ReportData.builder("Prices only").scenario("test").seed(1).variant(v.build()).build();
        Path html = OUT.resolve("no-data.html").toAbsolutePath();
        ReportWriter.write(data, html);

        String dom = dumpDom(html);

        Map<String, Map<String, String>> charts = charts(dom);
        assertEquals("true", charts.get("chart-price-0").get("data-rendered"));
        assertEquals("360", charts.get("chart-price-0").get("data-points"), "120 minutes of last, mark and index");
        for (String empty : List.of("chart-oi-0", "chart-funding-0", "chart-depth-0", "chart-heat-true-0",
                "chart-heat-estimated-0", "chart-premium", "chart-fund", "chart-adl")) {
            assertEquals("false", charts.get(empty).get("data-rendered"), empty);
            assertEquals("0", charts.get(empty).get("data-points"), empty);
        }
        assertTrue(dom.contains("No open-interest data in this run"), "the empty chart says why it is empty");
        assertTrue(dom.contains("No ADL fills in this run"));
        assertFalse(dom.contains("Policy comparison"), "one variant, no comparison");
        assertEquals("", errors(dom));
    }

    /** Loads {@code html} in headless Chromium and returns the DOM after the page's scripts ran. */
    private static String dumpDom(Path html) throws IOException, InterruptedException {
        return BrowserCheck.load(chromium, html, OUT, BROWSER_TIMEOUT_SECONDS).dom();
    }

    static Map<String, Map<String, String>> charts(String dom) {
        return BrowserCheck.charts(dom);
    }

    private static String errors(String dom) {
        Matcher m = ERRORS.matcher(dom);
        assertTrue(m.find(), "the page has its #report-errors element");
        return m.group(1).trim();
    }

    static Optional<String> chromiumBinary() {
        return BrowserCheck.chromium();
    }
}
