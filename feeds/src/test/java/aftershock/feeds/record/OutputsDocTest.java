package aftershock.feeds.record;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedParser;
import aftershock.feeds.FeedSource;
import aftershock.feeds.etf.EtfFlowCsv;
import aftershock.feeds.etf.EtfFlowTable;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/OUTPUTS.md is a contract users write files from: its examples must replay to exactly the events it shows. */
class OutputsDocTest {

    @Test
    void everyRecordingExampleReplaysStrictlyToTheEventsTheDocumentShows() throws IOException {
        String section = section("## Recorded market data (feeds)");
        List<String> recordings = blocks(section, "jsonl");
        List<String> shown = blocks(section, "text");
        assertEquals(FeedSource.values().length, recordings.size(), "one example per source");
        assertEquals(recordings.size(), shown.size(), "each example is followed by its events");
        FeedHealth health = new FeedHealth();
        Map<FeedSource, FeedParser> parsers = SourceParsers.all(health);
        for (int i = 0; i < recordings.size(); i++) {
            List<String> events = new ArrayList<>();
            ReplayReport report = new Replayer(parsers, e -> events.add(e.toLogLine())).strict(true)
                    .replay("OUTPUTS.md example " + (i + 1), new BufferedReader(new StringReader(recordings.get(i))));
            assertEquals(0, report.badLines());
            assertEquals(shown.get(i), String.join("\n", events));
        }
        for (FeedSource source : FeedSource.values()) {
            assertEquals(0, health.issueTotal(source), health.summary());
        }
    }

    @Test
    void theEtfExampleImports() throws IOException {
        String csv = blocks(section("## ETF flow tables (feeds)"), "csv").get(0);
        EtfFlowTable table = EtfFlowCsv.read("OUTPUTS.md", new StringReader(csv));
        assertEquals(List.of("IBIT", "FBTC", "GBTC", "BTC"), table.tickers());
        assertEquals(10, table.flows().size());
        assertEquals(List.of(), table.warnings());
        assertTrue(table.flows().stream().anyMatch(f -> !f.reported()));
    }

    private static String section(String heading) throws IOException {
        String doc = Files.readString(outputsDoc());
        int start = doc.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "docs/OUTPUTS.md has the heading " + heading);
        int end = doc.indexOf("\n## ", start + heading.length() + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    private static List<String> blocks(String text, String language) {
        List<String> out = new ArrayList<>();
        String fence = "```" + language + "\n";
        int at = 0;
        while ((at = text.indexOf(fence, at)) >= 0) {
            int end = text.indexOf("\n```", at + fence.length());
            out.add(text.substring(at + fence.length(), end));
            at = end + 4;
        }
        return out;
    }

    private static Path outputsDoc() {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(basedir).resolve("../docs/OUTPUTS.md").normalize();
    }
}
