package aftershock.feeds;

import aftershock.feeds.NativeSamples.Sample;
import aftershock.feeds.etf.EtfFlowCsv;
import aftershock.feeds.etf.EtfFlowFormatException;
import aftershock.feeds.record.RecordedMessage;
import aftershock.feeds.record.RecordingFormat;
import aftershock.feeds.record.RecordingFormatException;
import aftershock.feeds.record.SourceParsers;
import aftershock.feeds.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes every parser with random and mutated messages from a printed seed: no exception escapes, no parser bug is
 * hidden behind the last-resort guard ({@code internal-error} stays 0), nothing is used from text that is not JSON, and
 * every event emitted is well-formed, checked here independently of the records' own invariants. The recording
 * reader and the ETF importer get the same treatment: a bad line or cell is an error with its place, never a crash.
 * Replay a failure with {@code -Dfuzz.seed=N}; more messages with {@code -Dfuzz.messages=N}.
 */
class ParserFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20251103L);
    private static final int MESSAGES = Integer.getInteger("fuzz.messages", 12_000);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @ParameterizedTest
    @EnumSource(FeedSource.class)
    void randomAndMutatedMessagesNeverEscapeAndNeverYieldMalformedEvents(FeedSource source) {
        long seed = SEED ^ (source.ordinal() * 0x9E3779B97F4A7C15L);
        System.out.println("ParserFuzzTest " + source.id() + ": seed " + seed + " (-Dfuzz.seed=" + SEED + "), "
                + MESSAGES + " messages");
        SplittableRandom random = new SplittableRandom(seed);
        FeedHealth health = new FeedHealth();
        FeedParser parser = SourceParsers.create(source, health);
        List<Sample> samples = NativeSamples.of(source);
        long events = 0;
        for (int i = 0; i < MESSAGES; i++) {
            Sample base = samples.get(random.nextInt(samples.size()));
            String raw = message(random, base, samples);
            long receiveTsMs = 1_700_000_000_000L + i;
            String where = source.id() + " seed " + SEED + " (source seed " + seed + ") message " + i + ": " + raw;
            List<MarketEvent> out;
            try {
                out = base.request() == null ? parser.parse(receiveTsMs, raw)
                        : parser.parseResponse(receiveTsMs, base.request(), raw);
            } catch (Throwable t) {
                throw new AssertionError("escaped from the parser: " + t + " at " + where, t);
            }
            if (!out.isEmpty() && Json.readOrNull(raw) == null) {
                fail("events from text that is not JSON at " + where);
            }
            for (MarketEvent e : out) {
                String problem = wellFormed(e, source, receiveTsMs);
                if (problem != null) {
                    fail(problem + ": " + e + " at " + where);
                }
            }
            events += out.size();
        }
        assertEquals(0, health.issueCount(source, "internal-error"),
                "parser bugs caught by the guard, seed " + SEED + ": " + health.recentIssues(source));
        assertEquals(MESSAGES, health.messages(source));
        assertTrue(events > MESSAGES / 20, "the fuzzer must also produce usable messages, seed " + SEED
                + ": " + events + " events; " + health.summary());
        assertTrue(health.issueTotal(source) > MESSAGES / 10, "and plenty of bad ones, seed " + SEED);
    }

    @Test
    void mutatedRecordingLinesAreBadLinesNeverCrashes() {
        SplittableRandom random = new SplittableRandom(SEED);
        System.out.println("ParserFuzzTest recording lines: seed " + SEED);
        int good = 0;
        for (int i = 0; i < MESSAGES; i++) {
            FeedSource source = FeedSource.values()[random.nextInt(FeedSource.values().length)];
            Sample sample = NativeSamples.of(source).get(random.nextInt(NativeSamples.of(source).size()));
            String line = RecordingFormat.line(1_700_000_000_000L + i, source, sample.request(), sample.raw());
            String mutated = random.nextInt(5) == 0 ? line : mutateText(random, line);
            try {
                RecordedMessage m = RecordingFormat.parse("fuzz.jsonl", i + 1, mutated);
                assertEquals(i + 1, m.line());
                good++;
            } catch (RecordingFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.jsonl:" + (i + 1) + ": "), e.getMessage());
            } catch (Throwable t) {
                throw new AssertionError("escaped from the recording reader, seed " + SEED + " line " + i + ": "
                        + mutated, t);
            }
        }
        assertTrue(good > MESSAGES / 10, "seed " + SEED + ": " + good);
    }

    @Test
    void mutatedEtfTablesAreErrorsWithAPlaceNeverCrashes() {
        SplittableRandom random = new SplittableRandom(SEED);
        System.out.println("ParserFuzzTest ETF tables: seed " + SEED);
        String table = "Date,IBIT,FBTC,GBTC,Total\n11 Jan 2024,111.7,227.0,(95.1),243.6\n"
                + "2024-01-12,\"1,386.0\",-,(484.1),901.9\nTotal,1,2,3,4\n";
        for (int i = 0; i < MESSAGES / 4; i++) {
            String mutated = mutateText(random, table);
            try {
                EtfFlowCsv.read("fuzz.csv", new StringReader(mutated));
            } catch (EtfFlowFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.csv:"), e.getMessage());
            } catch (Throwable t) {
                throw new AssertionError("escaped from the ETF importer, seed " + SEED + " table " + i + ": "
                        + mutated, t);
            }
        }
    }

    /** A message: a valid sample, one mutated as JSON, one mutated as text, two spliced, or random text. */
    private static String message(SplittableRandom random, Sample base, List<Sample> samples) {
        int mode = random.nextInt(100);
        if (mode < 15) {
            return freshSequence(base.raw());
        }
        if (mode < 60) {
            JsonNode tree = Json.readOrNull(base.raw());
            if (tree == null) {
                return mutateText(random, base.raw());
            }
            int mutations = 1 + random.nextInt(3);
            for (int k = 0; k < mutations; k++) {
                tree = mutateTree(random, tree);
            }
            return tree.toString();
        }
        if (mode < 85) {
            return mutateText(random, base.raw());
        }
        if (mode < 93) {
            String other = samples.get(random.nextInt(samples.size())).raw();
            return base.raw().substring(0, random.nextInt(base.raw().length() + 1))
                    + other.substring(random.nextInt(other.length() + 1));
        }
        return randomText(random);
    }

    private static long sequence = 20_000_000_000L;

    /** A valid sample with a new, higher Coinbase {@code sequence}, so that it is not dropped as out of order. */
    private static String freshSequence(String raw) {
        JsonNode tree = Json.readOrNull(raw);
        if (tree instanceof ObjectNode obj && obj.has("sequence")) {
            obj.put("sequence", ++sequence);
            return obj.toString();
        }
        return raw;
    }

    /** Replaces, removes or adds one value somewhere in the tree. */
    private static JsonNode mutateTree(SplittableRandom random, JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return randomValue(random, 2);
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            int op = random.nextInt(4);
            if (names.isEmpty() || op == 0) {
                obj.set(names.isEmpty() || random.nextBoolean() ? randomKey(random)
                        : names.get(random.nextInt(names.size())), randomValue(random, 2));
            } else if (op == 1) {
                obj.remove(names.get(random.nextInt(names.size())));
            } else {
                String name = names.get(random.nextInt(names.size()));
                obj.set(name, tweak(random, obj.get(name)));
            }
        } else if (target instanceof ArrayNode arr) {
            int op = random.nextInt(4);
            if (arr.isEmpty() || op == 0) {
                arr.add(randomValue(random, 2));
            } else if (op == 1) {
                arr.remove(random.nextInt(arr.size()));
            } else {
                int at = random.nextInt(arr.size());
                arr.set(at, tweak(random, arr.get(at)));
            }
        }
        return root;
    }

    /** A nearby value: the kind of corruption a buggy venue or a proxy would produce. */
    private static JsonNode tweak(SplittableRandom random, JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        return switch (random.nextInt(10)) {
            case 0 -> NODES.textNode("-" + text);
            case 1 -> NODES.textNode(text + random.nextInt(10));
            case 2 -> NODES.textNode("");
            case 3 -> NODES.nullNode();
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> NODES.textNode(text.isEmpty() ? "0" : text.substring(0, random.nextInt(text.length())));
            case 6 -> NODES.numberNode(new java.math.BigDecimal("1e" + (random.nextInt(40) - 20)));
            case 7 -> NODES.textNode("0");
            case 8 -> NODES.textNode(Long.toString(random.nextLong(0, 3_000_000_000_000L)));
            default -> randomValue(random, 1);
        };
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (JsonNode child : node) {
                collect(child, out);
            }
        }
    }

    private static JsonNode randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> NODES.textNode(randomText(random));
            case 1 -> NODES.textNode(Long.toString(random.nextLong()));
            case 2 -> NODES.textNode(random.nextInt(100_000) + "." + random.nextInt(100_000_000));
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.textNode(new String[] {"BUY", "SELL", "Buy", "Sell", "buy", "sell", "snapshot", "delta",
                    "BTCUSDT", "long", "short", "net", "depthUpdate", "markPriceUpdate", "match"}[random.nextInt(15)]);
            case 7 -> {
                ArrayNode arr = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    arr.add(randomValue(random, depth - 1));
                }
                yield arr;
            }
            default -> {
                ObjectNode obj = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    obj.set(randomKey(random), randomValue(random, depth - 1));
                }
                yield obj;
            }
        };
    }

    private static String randomKey(SplittableRandom random) {
        String[] keys = {"e", "E", "s", "p", "q", "T", "u", "U", "pu", "b", "a", "data", "stream", "topic", "type",
                "ts", "o", "S", "result", "id", "code", "msg", "op", "success", "event", "arg", "x"};
        return keys[random.nextInt(keys.length)];
    }

    private static String mutateText(SplittableRandom random, String text) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> { if (sb.length() > 0) sb.deleteCharAt(at); }
                case 1 -> sb.insert(at, "{}[]\",:0-.eE\\ \u0000\u00e9\ud83d".charAt(random.nextInt(16)));
                case 2 -> { if (sb.length() > 0) sb.setCharAt(at, (char) random.nextInt(128)); }
                case 3 -> sb.setLength(at);
                default -> sb.insert(at, random.nextInt(10));
            }
        }
        return sb.toString();
    }

    private static String randomText(SplittableRandom random) {
        int length = random.nextInt(40);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) (32 + random.nextInt(95)));
        }
        return sb.toString();
    }

    /** Independent well-formedness of an emitted event, or a description of what is wrong. */
    private static String wellFormed(MarketEvent e, FeedSource source, long receiveTsMs) {
        if (e.source() != source) {
            return "wrong source";
        }
        if (e.receiveTsMs() != receiveTsMs) {
            return "receive time is not the one given";
        }
        if (e.exchangeTsMs() <= 0) {
            return "exchange time not positive";
        }
        if (e.symbol() == null || e.symbol().isBlank()) {
            return "no symbol";
        }
        switch (e.kind()) {
            case TRADE -> {
                MarketEvent.Trade t = (MarketEvent.Trade) e;
                if (t.priceE8() <= 0 || t.qtyE8() <= 0 || t.aggressorSide() == null || t.tradeId().isEmpty()) {
                    return "bad trade";
                }
            }
            case BOOK_TOP -> {
                MarketEvent.BookTop b = (MarketEvent.BookTop) e;
                if (b.bidPriceE8() <= 0 || b.askPriceE8() <= b.bidPriceE8()) {
                    return "bad or crossed top";
                }
                if ((b.bidQtyE8() <= 0 && b.bidQtyE8() != MarketEvent.ABSENT)
                        || (b.askQtyE8() <= 0 && b.askQtyE8() != MarketEvent.ABSENT)) {
                    return "bad top quantity";
                }
            }
            case BOOK_DEPTH -> {
                MarketEvent.BookDepth d = (MarketEvent.BookDepth) e;
                long previous = Long.MAX_VALUE;
                for (BookLevel l : d.bids()) {
                    if (l.priceE8() <= 0 || l.qtyE8() <= 0 || l.priceE8() >= previous) {
                        return "bids not positive and descending";
                    }
                    previous = l.priceE8();
                }
                previous = 0;
                for (BookLevel l : d.asks()) {
                    if (l.qtyE8() <= 0 || l.priceE8() <= previous) {
                        return "asks not positive and ascending";
                    }
                    previous = l.priceE8();
                }
                if (!d.bids().isEmpty() && !d.asks().isEmpty()
                        && d.bids().get(0).priceE8() >= d.asks().get(0).priceE8()) {
                    return "crossed depth";
                }
            }
            case MARK_FUNDING -> {
                MarketEvent.MarkFunding m = (MarketEvent.MarkFunding) e;
                if ((m.markPriceE8() <= 0 && m.markPriceE8() != MarketEvent.ABSENT)
                        || (m.indexPriceE8() <= 0 && m.indexPriceE8() != MarketEvent.ABSENT)) {
                    return "mark or index not positive";
                }
            }
            case OPEN_INTEREST -> {
                if (((MarketEvent.OpenInterest) e).openInterestQtyE8() < 0) {
                    return "negative open interest";
                }
            }
            case LIQUIDATION -> {
                MarketEvent.Liquidation l = (MarketEvent.Liquidation) e;
                if (l.priceE8() <= 0 || l.qtyE8() <= 0 || l.liquidatedPositionSide() == null) {
                    return "bad liquidation";
                }
                boolean mustBeSampled = source == FeedSource.BINANCE_USDM || source == FeedSource.OKX;
                if (mustBeSampled && !l.sampled()) {
                    return "Binance and OKX liquidations are samples";
                }
            }
            case ADL_NOTICE -> {
                if (((MarketEvent.AdlNotice) e).risk() == null) {
                    return "ADL notice without risk";
                }
            }
        }
        return null;
    }
}
