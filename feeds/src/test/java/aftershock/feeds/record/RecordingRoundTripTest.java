package aftershock.feeds.record;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedParser;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingRoundTripTest {
    /** One message of each kind a live session records, in order. */
    private static final List<Object[]> SESSION = List.of(
            new Object[] {1_000L, FeedSource.BINANCE_USDM, null, "{\"result\":null,\"id\":1}"},
            new Object[] {1_001L, FeedSource.BINANCE_USDM, null, "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{"
                    + "\"e\":\"depthUpdate\",\"E\":1000,\"T\":999,\"s\":\"BTCUSDT\",\"U\":8,\"u\":12,\"pu\":7,"
                    + "\"b\":[[\"100.5\",\"1\"]],\"a\":[]}}"},
            new Object[] {1_002L, FeedSource.BINANCE_USDM, "/fapi/v1/depth?symbol=BTCUSDT&limit=1000",
                    "{\"lastUpdateId\":10,\"E\":1001,\"T\":1000,\"bids\":[[\"100\",\"2\"]],\"asks\":[[\"101\",\"3\"]]}"},
            new Object[] {1_003L, FeedSource.BINANCE_USDM, null, "{\"e\":\"aggTrade\",\"E\":1003,\"s\":\"BTCUSDT\","
                    + "\"a\":5,\"p\":\"100.70\",\"q\":\"0.010\",\"f\":1,\"l\":2,\"T\":1002,\"m\":true}"},
            new Object[] {1_004L, FeedSource.BINANCE_SPOT, null,
                    "{\"u\":4,\"s\":\"BTCUSDT\",\"b\":\"100.1\",\"B\":\"1\",\"a\":\"100.2\",\"A\":\"2\"}"},
            new Object[] {1_005L, FeedSource.COINBASE, null, "{\"type\":\"match\",\"trade_id\":9,\"side\":\"sell\","
                    + "\"size\":\"0.5\",\"price\":\"101.25\",\"product_id\":\"BTC-USD\",\"sequence\":77,"
                    + "\"time\":\"2025-11-03T00:00:01.005123Z\"}"},
            new Object[] {1_006L, FeedSource.BYBIT, null, "{\"topic\":\"allLiquidation.BTCUSDT\",\"type\":\"snapshot\","
                    + "\"ts\":1006,\"data\":[{\"T\":1005,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.2\",\"p\":\"99\"}]}"},
            new Object[] {1_007L, FeedSource.OKX, null, "pong"},
            new Object[] {1_008L, FeedSource.BYBIT, null, "not json at all: \"quotes\", \\ and \u00e9"},
            new Object[] {1_009L, FeedSource.COINBASE, null, "\"a bare JSON string\""},
            new Object[] {1_010L, FeedSource.BINANCE_USDM, null,
                    "{\"e\":\"markPriceUpdate\",\n \"E\":1010,\"s\":\"BTCUSDT\",\"p\":\"100\",\"i\":\"99.9\","
                            + "\"r\":\"0.0001\",\"T\":2000}"});

    @TempDir
    Path dir;

    @Test
    void plainRecordingReplaysToTheSameEventsAsTheLiveSession() throws IOException {
        roundTrip(dir.resolve("session.jsonl"));
    }

    @Test
    void gzipRecordingReplaysToTheSameEventsAsTheLiveSession() throws IOException {
        Path file = dir.resolve("session.jsonl.gz");
        roundTrip(file);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("{\"ts\":1000,\"source\":\"binance-usdm\",\"msg\":{\"result\":null,\"id\":1}}\n"),
                    text);
        }
    }

    private void roundTrip(Path file) throws IOException {
        FeedHealth liveHealth = new FeedHealth();
        Map<FeedSource, FeedParser> live = SourceParsers.all(liveHealth);
        List<MarketEvent> liveEvents = new ArrayList<>();
        try (RecordingWriter writer = RecordingWriter.create(file)) {
            for (Object[] m : SESSION) {
                long ts = (Long) m[0];
                FeedSource source = (FeedSource) m[1];
                String request = (String) m[2];
                String raw = (String) m[3];
                if (request == null) {
                    writer.write(ts, source, raw);
                    liveEvents.addAll(live.get(source).parse(ts, raw));
                } else {
                    writer.writeResponse(ts, source, request, raw);
                    liveEvents.addAll(live.get(source).parseResponse(ts, request, raw));
                }
            }
        }
        FeedHealth replayHealth = new FeedHealth();
        List<MarketEvent> replayed = new ArrayList<>();
        ReplayReport report = new Replayer(SourceParsers.all(replayHealth), replayed::add).strict(true).replay(file);
        assertEquals(SESSION.size(), report.lines());
        assertEquals(SESSION.size(), report.messages());
        assertEquals(0, report.badLines());
        assertEquals(7, liveEvents.size(), liveEvents.toString());
        assertEquals(liveEvents, replayed);
        assertEquals(liveHealth.summary(), replayHealth.summary());
    }

    @Test
    void everyMessageReadsBackAsTheTextThatWasReceived() throws IOException {
        for (Object[] m : SESSION) {
            String raw = (String) m[3];
            String line = RecordingFormat.line((Long) m[0], (FeedSource) m[1], (String) m[2], raw);
            assertFalse(line.contains("\n"), line);
            RecordedMessage back = RecordingFormat.parse("f", 1, line);
            // A line break between JSON tokens is the one thing written differently (as a space).
            assertEquals(raw.replace('\n', ' '), back.text());
            assertEquals(m[0], back.receiveTsMs());
            assertEquals(m[1], back.source());
            assertEquals(m[2], back.request());
        }
    }

    @Test
    void jsonMessagesAreEmbeddedAsValuesAndOtherTextAsStrings() {
        assertEquals("{\"ts\":5,\"source\":\"okx\",\"msg\":\"pong\"}", RecordingFormat.line(5, FeedSource.OKX, null,
                "pong"));
        assertEquals("{\"ts\":5,\"source\":\"coinbase\",\"msg\":{\"type\":\"heartbeat\"}}",
                RecordingFormat.line(5, FeedSource.COINBASE, null, "{\"type\":\"heartbeat\"}"));
        assertEquals("{\"ts\":5,\"source\":\"bybit\",\"msg\":\"{\\\"cut\\\":\"}",
                RecordingFormat.line(5, FeedSource.BYBIT, null, "{\"cut\":"));
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndTheReplayGoesOn() throws IOException {
        String text = """
                {"ts":1,"source":"binance-usdm","msg":{"result":null,"id":1}}
                {"ts":2,"source":"kraken","msg":{}}
                not json
                {"ts":"3","source":"bybit","msg":{}}
                {"ts":4,"source":"bybit"}

                {"ts":5,"source":"coinbase","msg":42}
                {"ts":6,"source":"okx","msg":"pong"} extra
                {"ts":7,"source":"okx","msg":"pong","ts":8}
                {"ts":9,"source":"binance-usdm","msg":{"e":"aggTrade","e":"trade"}}
                {"ts":10,"source":"okx","msg":"pong"}
                """;
        List<MarketEvent> events = new ArrayList<>();
        FeedHealth health = new FeedHealth();
        ReplayReport report = new Replayer(SourceParsers.all(health), events::add)
                .replay("day.jsonl", new BufferedReader(new StringReader(text)));
        assertEquals(11, report.lines());
        assertEquals(3, report.messages());
        assertEquals(7, report.badLines());
        assertEquals(List.of(
                "day.jsonl:2: unknown source \"kraken\" (expected one of binance-usdm, binance-spot, coinbase, bybit, okx)",
                "day.jsonl:3: not a JSON object",
                "day.jsonl:4: \"ts\" must be a non-negative integer (epoch milliseconds)",
                "day.jsonl:5: missing \"msg\"",
                "day.jsonl:7: \"msg\" must be a JSON object, array or string",
                "day.jsonl:8: text after the JSON object",
                "day.jsonl:9: duplicate key \"ts\""), report.badLineDescriptions());
        assertEquals(1, health.ignoredCount(FeedSource.OKX, "pong"));
        // A message with duplicate keys is a line like any other: its parser counts it, as it would live.
        assertEquals(1, health.issueCount(FeedSource.BINANCE_USDM, "malformed-json"));
    }

    @Test
    void strictModeStopsAtTheFirstBadLine() {
        String text = "{\"ts\":1,\"source\":\"okx\",\"msg\":\"pong\"}\n{\"ts\":2}\n";
        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> new Replayer(
                SourceParsers.all(new FeedHealth()), x -> { }).strict(true)
                .replay("strict.jsonl", new BufferedReader(new StringReader(text))));
        assertEquals("strict.jsonl", e.file());
        assertEquals(2, e.line());
        assertEquals("strict.jsonl:2: missing \"source\"", e.getMessage());
    }

    @Test
    void aTruncatedGzipRecordingKeepsWhatWasReadAndReportsTheCut() throws IOException {
        Path full = dir.resolve("full.jsonl.gz");
        try (RecordingWriter w = RecordingWriter.create(full)) {
            for (int i = 0; i < 2_000; i++) {
                w.write(i, FeedSource.OKX, "pong");
            }
        }
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.jsonl.gz");
        try (OutputStream out = Files.newOutputStream(cut)) {
            out.write(bytes, 0, bytes.length - 12);
        }
        ReplayReport report = new Replayer(SourceParsers.all(new FeedHealth()), x -> { }).replay(cut);
        // The half line before the cut and the cut itself are reported; everything before them is replayed.
        assertTrue(report.badLines() >= 1 && report.badLines() <= 2, report.badLineDescriptions().toString());
        assertTrue(report.badLineDescriptions().get(report.badLineDescriptions().size() - 1)
                .endsWith("unexpected end of compressed data"), report.badLineDescriptions().toString());
        assertTrue(report.messages() >= 1_990, "messages before the cut: " + report.messages());
    }
}
