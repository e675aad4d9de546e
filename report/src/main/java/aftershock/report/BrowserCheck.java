package aftershock.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a report the way a user does — in headless Chromium (Debian's {@code chromium} package) — and reads the DOM
 * after the page's scripts ran: each chart container's {@code data-rendered}/{@code data-points}, the errors the page
 * captured ({@code #report-errors}) and whether it marked itself ready. Used by the browser tests of the report and
 * of {@code aftershock simulate}.
 */
public final class BrowserCheck {
    /** What users and CI are told when no browser is found. */
    public static final String SKIPPED = "BROWSER TEST SKIPPED: no Chromium found; install Debian's chromium package "
            + "(apt-get install chromium) or set AFTERSHOCK_CHROMIUM";
    private static final Pattern CHART = Pattern.compile("<div\\b[^>]*\\bclass=\"chart\\b[^\"]*\"[^>]*>");
    private static final Pattern ERRORS = Pattern.compile("<pre id=\"report-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    private BrowserCheck() {
    }

    /** The page after its scripts ran: chart attributes by id, captured errors (blank when none), readiness. */
    public record Page(String dom, Map<String, Map<String, String>> charts, String errors, boolean ready) {
    }

    /** {@code AFTERSHOCK_CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    public static Optional<String> chromium() {
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

    /**
     * Loads {@code html} in headless Chromium and returns the page after its scripts ran; the browser's output goes to
     * files in {@code workDir}. Throws IOException with the browser's last log lines when it fails or times out.
     */
    public static Page load(String chromium, Path html, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory("aftershock-chromium-");
        Path stdout = workDir.resolve(html.getFileName() + ".dom.html").toAbsolutePath();
        Path stderr = workDir.resolve(html.getFileName() + ".chromium.log").toAbsolutePath();
        List<String> command = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1366,2400",
                "--virtual-time-budget=10000", "--dump-dom", html.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException("Chromium did not finish within " + timeoutSeconds + " s: " + command + "\n" + tail(stderr));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            deleteQuietly(profile);
        }
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !dom.contains("</html>")) {
            throw new IOException("Chromium exited with " + p.exitValue() + " and no DOM: " + command + "\n" + tail(stderr));
        }
        Matcher e = ERRORS.matcher(dom);
        String errors = e.find() ? e.group(1).trim() : "(the page has no #report-errors element)";
        return new Page(dom, charts(dom), errors, dom.contains("data-report-ready=\"true\""));
    }

    /** Each chart container's attributes, by id. */
    public static Map<String, Map<String, String>> charts(String dom) {
        Map<String, Map<String, String>> charts = new LinkedHashMap<>();
        Matcher m = CHART.matcher(dom);
        while (m.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher a = ATTRIBUTE.matcher(m.group());
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            charts.put(attributes.get("id"), attributes);
        }
        return charts;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            Collections.reverse(paths);
            for (Path x : paths) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
