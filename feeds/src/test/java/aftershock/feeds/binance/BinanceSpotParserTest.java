package aftershock.feeds.binance;

import aftershock.feeds.BookLevel;
import aftershock.feeds.FeedHealth;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.MarketEvent.BookDepth;
import aftershock.feeds.MarketEvent.BookTop;
import aftershock.feeds.MarketEvent.Trade;
import aftershock.feeds.Side;
import aftershock.feeds.wire.ParserLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.engine.api.DecimalE8.parse;
import static aftershock.feeds.FeedSource.BINANCE_SPOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binance spot messages written from the shapes in shared/reference/feeds.md §3. */
class BinanceSpotParserTest {
    private static final long RECV = 1_672_515_782_200L;

    private final FeedHealth health = new FeedHealth();
    private final BinanceSpotParser parser = new BinanceSpotParser(health, new ParserLimits(2, 100, 1000, 100, 1000));

    @Test
    void tradeWithBuyerAsMakerIsASellAggressor() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"e":"trade","E":1672515782136,"s":"BTCUSDT","t":12345,"p":"16500.10","q":"0.012",
                 "T":1672515782134,"m":true,"M":true}""");
        assertEquals(List.of(new Trade(BINANCE_SPOT, "BTCUSDT", 1672515782134L, RECV, parse("16500.10"),
                parse("0.012"), Side.SELL, "12345")), events);
    }

    @Test
    void bookTickerHasNoEventTypeAndNoTimeSoItsExchangeTimeIsTheReceiveTime() {
        List<MarketEvent> events = parser.parse(RECV,
                "{\"u\":400900217,\"s\":\"BTCUSDT\",\"b\":\"16500.10\",\"B\":\"31.21\",\"a\":\"16500.11\",\"A\":\"40.66\"}");
        assertEquals(List.of(new BookTop(BINANCE_SPOT, "BTCUSDT", RECV, RECV, parse("16500.10"), parse("31.21"),
                parse("16500.11"), parse("40.66"))), events);
    }

    @Test
    void crossedBookTickerIsRejected() {
        parser.parse(RECV, "{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"2\",\"B\":\"1\",\"a\":\"1\",\"A\":\"1\"}");
        assertEquals(1, health.issueCount(BINANCE_SPOT, "crossed-book"));
    }

    @Test
    void spotDepthFollowsTheSpotSequenceRule() {
        // Spot: drop u <= lastUpdateId; the first diff must contain lastUpdateId + 1; then U <= previous u + 1.
        parser.parse(RECV, diff(95, 100, "[[\"9\",\"1\"]]", "[]"));
        parser.parse(RECV, diff(101, 103, "[[\"10\",\"1\"]]", "[]"));
        List<MarketEvent> events = parser.parseResponse(RECV, "/api/v3/depth?symbol=BTCUSDT&limit=5000",
                "{\"lastUpdateId\":100,\"bids\":[[\"8\",\"1\"]],\"asks\":[[\"11\",\"1\"]]}");
        assertEquals(new BookDepth(BINANCE_SPOT, "BTCUSDT", 1672515782136L, RECV, 103,
                List.of(new BookLevel(parse("10"), parse("1")), new BookLevel(parse("8"), parse("1"))),
                List.of(new BookLevel(parse("11"), parse("1")))), events.get(0));
        // An old diff (u <= book id) is ignored, the next one in sequence is applied.
        assertEquals(List.of(), parser.parse(RECV, diff(102, 103, "[[\"7\",\"1\"]]", "[]")));
        assertEquals(1, parser.parse(RECV, diff(104, 104, "[[\"7\",\"1\"]]", "[]")).size());
        // U beyond book id + 1: a gap.
        assertEquals(List.of(), parser.parse(RECV, diff(106, 107, "[]", "[]")));
        assertEquals(1, health.issueCount(BINANCE_SPOT, "sequence-gap"));
        assertTrue(parser.symbolsNeedingSnapshot().contains("BTCUSDT"));
    }

    private static String diff(long first, long last, String bids, String asks) {
        return "{\"e\":\"depthUpdate\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last
                + ",\"b\":" + bids + ",\"a\":" + asks + "}";
    }
}
