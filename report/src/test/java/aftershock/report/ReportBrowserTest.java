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
    private static final String SKIPPED = "BROWSER TEST SKIPPED: no Chromium found; install Debian's chromium package "
            + "(apt-get install chromium) or set AFTERSHOCK_CHROMIUM";
    private static final long BROWSER_TIMEOUT_SECONDS = 120;
    private static final Pattern CHART = Pattern.compile("<div\\b[^>]*\\bclass=\"chart\\b[^\"]*\"[^>]*>");
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
        Path profile = Files.createTempDirectory("aftershock-chromium-");
        Path stdout = OUT.resolve(html.getFileName() + ".dom.html").toAbsolutePath();
        Path stderr = OUT.resolve(html.getFileName() + ".chromium.log").toAbsolutePath();
        List<String> command = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1366,2400",
                "--virtual-time-budget=10000", "--dump-dom", html.toUri().toString());
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!p.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("Chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s: " + command + "\n" + tail(stderr));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            deleteQuietly(profile);
        }
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !dom.contains("</html>")) {
            fail("Chromium exited with " + p.exitValue() + " and no DOM: " + command + "\n" + tail(stderr));
        }
        return dom;
    }

    /** Each chart container's attributes, by id. */
    static Map<String, Map<String, String>> charts(String dom) {
        Map<String, Map<String, String>> charts = new LinkedHashMap<>();
        Matcher m = CHART.matcher(dom);
        Pattern attribute = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");
        while (m.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher a = attribute.matcher(m.group());
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            charts.put(attributes.get("id"), attributes);
        }
        return charts;
    }

    private static String errors(String dom) {
        Matcher m = ERRORS.matcher(dom);
        assertTrue(m.find(), "the page has its #report-errors element");
        return m.group(1).trim();
    }

    /** {@code AFTERSHOCK_CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    static Optional<String> chromiumBinary() {
        String configured = System.getenv("AFTERSHOCK_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(paths);
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
