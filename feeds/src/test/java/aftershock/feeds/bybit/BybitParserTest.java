package aftershock.feeds.bybit;

import aftershock.feeds.AdlRisk;
import aftershock.feeds.BookLevel;
import aftershock.feeds.FeedHealth;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.MarketEvent.AdlNotice;
import aftershock.feeds.MarketEvent.BookDepth;
import aftershock.feeds.MarketEvent.BookTop;
import aftershock.feeds.MarketEvent.Liquidation;
import aftershock.feeds.MarketEvent.MarkFunding;
import aftershock.feeds.MarketEvent.OpenInterest;
import aftershock.feeds.MarketEvent.Trade;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.feeds.wire.ParserLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.engine.api.DecimalE8.parse;
import static aftershock.feeds.FeedSource.BYBIT;
import static aftershock.feeds.MarketEvent.ABSENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bybit v5 public messages written from the shapes in shared/reference/feeds.md §5 and Bybit's v5 docs. */
class BybitParserTest {
    private static final long RECV = 1_673_272_861_700L;

    private final FeedHealth health = new FeedHealth();
    private final BybitParser parser = new BybitParser(health, new ParserLimits(2, 100, 1000, 100, 1000));

    private static final String TICKER_SNAPSHOT = """
            {"topic":"tickers.BTCUSDT","type":"snapshot","cs":24987956059,"ts":1673272861686,
             "data":{"symbol":"BTCUSDT","tickDirection":"PlusTick","price24hPcnt":"0.017103","lastPrice":"17216.00",
              "prevPrice24h":"16926.50","highPrice24h":"17281.50","lowPrice24h":"16915.00","prevPrice1h":"17238.00",
              "markPrice":"17217.33","indexPrice":"17227.36","openInterest":"68744.761",
              "openInterestValue":"1183601235.91","turnover24h":"1570383121.943499","volume24h":"91705.276",
              "nextFundingTime":"1673280000000","fundingRate":"-0.000212","bid1Price":"17215.50",
              "bid1Size":"84.489","ask1Price":"17216.00","ask1Size":"83.020"}}""";

    @Test
    void tickerSnapshotGivesMarkFundingOpenInterestAndBookTop() {
        List<MarketEvent> events = parser.parse(RECV, TICKER_SNAPSHOT);
        assertEquals(List.of(
                new MarkFunding(BYBIT, "BTCUSDT", 1673272861686L, RECV, parse("17217.33"), parse("17227.36"),
                        parse("-0.000212"), 1673280000000L),
                new OpenInterest(BYBIT, "BTCUSDT", 1673272861686L, RECV, parse("68744.761"), parse("1183601235.91")),
                new BookTop(BYBIT, "BTCUSDT", 1673272861686L, RECV, parse("17215.50"), parse("84.489"),
                        parse("17216.00"), parse("83.020"))), events);
    }

    @Test
    void tickerDeltaCarriesOnlyChangedFieldsWhichAreMergedIntoTheSnapshot() {
        parser.parse(RECV, TICKER_SNAPSHOT);
        List<MarketEvent> events = parser.parse(RECV + 100, """
                {"topic":"tickers.BTCUSDT","type":"delta","cs":24987956060,"ts":1673272861786,
                 "data":{"symbol":"BTCUSDT","markPrice":"17218.00","openInterest":"68750"}}""");
        assertEquals(List.of(
                new MarkFunding(BYBIT, "BTCUSDT", 1673272861786L, RECV + 100, parse("17218"), parse("17227.36"),
                        parse("-0.000212"), 1673280000000L),
                new OpenInterest(BYBIT, "BTCUSDT", 1673272861786L, RECV + 100, parse("68750"),
                        parse("1183601235.91"))), events);
        // A delta that touches none of them (last price only) gives nothing.
        assertEquals(List.of(), parser.parse(RECV, """
                {"topic":"tickers.BTCUSDT","type":"delta","ts":1673272861800,
                 "data":{"symbol":"BTCUSDT","lastPrice":"17220.00"}}"""));
    }

    @Test
    void tickerDeltaBeforeAnySnapshotIsNotUsed() {
        parser.parse(RECV, "{\"topic\":\"tickers.ETHUSDT\",\"type\":\"delta\",\"ts\":1,\"data\":{\"symbol\":\"ETHUSDT\","
                + "\"markPrice\":\"1\"}}");
        assertEquals(1, health.issueCount(BYBIT, "delta-before-snapshot"));
    }

    @Test
    void badFieldInADeltaLeavesTheMergedStateUnchanged() {
        parser.parse(RECV, TICKER_SNAPSHOT);
        parser.parse(RECV, """
                {"topic":"tickers.BTCUSDT","type":"delta","ts":1673272861786,
                 "data":{"symbol":"BTCUSDT","markPrice":"17300","indexPrice":"NaN"}}""");
        assertEquals(1, health.issueCount(BYBIT, "bad-decimal:indexPrice"));
        List<MarketEvent> events = parser.parse(RECV, """
                {"topic":"tickers.BTCUSDT","type":"delta","ts":1673272861800,"data":{"symbol":"BTCUSDT",
                 "fundingRate":"-0.0003"}}""");
        assertEquals(parse("17217.33"), ((MarkFunding) events.get(0)).markPriceE8());
    }

    @Test
    void allLiquidationSideIsThePositionsSoBuyIsALongLiquidatedAndNotSampled() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"topic":"allLiquidation.ROSEUSDT","type":"snapshot","ts":1739502303204,
                 "data":[{"T":1739502302929,"s":"ROSEUSDT","S":"Sell","v":"20000","p":"0.04499"},
                         {"T":1739502302930,"s":"ROSEUSDT","S":"Buy","v":"100","p":"0.045"}]}""");
        assertEquals(List.of(
                new Liquidation(BYBIT, "ROSEUSDT", 1739502302929L, RECV, PositionSide.SHORT, parse("0.04499"),
                        parse("20000"), false),
                new Liquidation(BYBIT, "ROSEUSDT", 1739502302930L, RECV, PositionSide.LONG, parse("0.045"),
                        parse("100"), false)), events);
    }

    @Test
    void deprecatedLiquidationTopicIsSampled() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"topic":"liquidation.BTCUSDT","type":"snapshot","ts":1673251091822,
                 "data":{"updatedTime":1673251091822,"symbol":"BTCUSDT","side":"Buy","size":"0.003","price":"17000"}}""");
        assertEquals(List.of(new Liquidation(BYBIT, "BTCUSDT", 1673251091822L, RECV, PositionSide.LONG,
                parse("17000"), parse("0.003"), true)), events);
    }

    @Test
    void publicTradeSideIsTheTakers() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,
                 "data":[{"T":1672304486865,"s":"BTCUSDT","S":"Buy","v":"0.001","p":"16578.50","L":"PlusTick",
                          "i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false}]}""");
        assertEquals(List.of(new Trade(BYBIT, "BTCUSDT", 1672304486865L, RECV, parse("16578.50"), parse("0.001"),
                Side.BUY, "20f43950-d8dd-5b31-9112-a178eb6023af")), events);
    }

    @Test
    void orderbookSnapshotThenDeltasInSequenceAndAGapNeedsAResubscribe() {
        List<MarketEvent> events = parser.parse(RECV, book("snapshot", 100,
                "[[\"17440.00\",\"40.833\"],[\"17439.50\",\"0.513\"]]", "[[\"17440.50\",\"78.815\"]]"));
        assertEquals(List.of(
                new BookDepth(BYBIT, "BTCUSDT", 1671179923028L, RECV, 100,
                        List.of(level("17440", "40.833"), level("17439.5", "0.513")),
                        List.of(level("17440.5", "78.815"))),
                new BookTop(BYBIT, "BTCUSDT", 1671179923028L, RECV, parse("17440"), parse("40.833"),
                        parse("17440.5"), parse("78.815"))), events);
        events = parser.parse(RECV, book("delta", 101, "[[\"17440.00\",\"0\"]]", "[]"));
        assertEquals(new BookTop(BYBIT, "BTCUSDT", 1671179923028L, RECV, parse("17439.5"), parse("0.513"),
                parse("17440.5"), parse("78.815")), events.get(1));
        assertEquals(List.of(), parser.parse(RECV, book("delta", 103, "[]", "[]")));
        assertEquals(1, health.issueCount(BYBIT, "sequence-gap"));
        assertEquals(List.of("BTCUSDT"), List.copyOf(parser.symbolsNeedingSnapshot()));
        // Deltas are dropped until a snapshot arrives.
        assertEquals(List.of(), parser.parse(RECV, book("delta", 104, "[]", "[]")));
        assertEquals(2, parser.parse(RECV, book("snapshot", 200, "[[\"1\",\"1\"]]", "[[\"2\",\"1\"]]")).size());
        assertTrue(parser.symbolsNeedingSnapshot().isEmpty());
    }

    @Test
    void orderbookMessageWithUpdateIdOneIsAFullBookAfterAServiceRestart() {
        parser.parse(RECV, book("snapshot", 500, "[[\"10\",\"1\"]]", "[[\"11\",\"1\"]]"));
        List<MarketEvent> events = parser.parse(RECV, book("delta", 1, "[[\"20\",\"1\"]]", "[[\"21\",\"1\"]]"));
        assertEquals(new BookDepth(BYBIT, "BTCUSDT", 1671179923028L, RECV, 1, List.of(level("20", "1")),
                List.of(level("21", "1"))), events.get(0));
        assertFalse(parser.depthSync("BTCUSDT").resyncNeeded());
    }

    @Test
    void adlAlertEvaluatesBybitsTriggerRule() {
        // Bybit's own example sends numbers where its table says strings: both are read exactly.
        List<MarketEvent> events = parser.parse(RECV, """
                {"topic":"adlAlert.USDT","type":"snapshot","ts":1757736794000,"data":[
                 {"c":"USDT","s":"FWOGUSDT","b":-5421.29889888,"mb":"","i_pr":-0.3,"pr":0,"adl_tt":10000,"adl_sr":-0.25},
                 {"c":"USDT","s":"ZORAUSDT","b":"19873.46255153","mb":"","i_pr":"-0.3","pr":"-0.35","adl_tt":"10000",
                  "adl_sr":"-0.25"},
                 {"c":"USDT","s":"BERAUSDT","b":"453.36427074","mb":"","i_pr":"-0.3","pr":"0.24576","adl_tt":"10000",
                  "adl_sr":"-0.25"}]}""");
        assertEquals(List.of(
                new AdlNotice(BYBIT, "FWOGUSDT", 1757736794000L, RECV, AdlRisk.TRIGGERED, "USDT",
                        parse("-5421.29889888"), 0, parse("-0.3"), parse("10000"), parse("-0.25")),
                new AdlNotice(BYBIT, "ZORAUSDT", 1757736794000L, RECV, AdlRisk.TRIGGERED, "USDT",
                        parse("19873.46255153"), parse("-0.35"), parse("-0.3"), parse("10000"), parse("-0.25")),
                new AdlNotice(BYBIT, "BERAUSDT", 1757736794000L, RECV, AdlRisk.NOT_TRIGGERED, "USDT",
                        parse("453.36427074"), parse("0.24576"), parse("-0.3"), parse("10000"), parse("-0.25"))),
                events);
    }

    @Test
    void controlRepliesAreIgnoredAndFailuresAreIssues() {
        parser.parse(RECV, "{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"abc\",\"req_id\":\"1\",\"op\":\"subscribe\"}");
        parser.parse(RECV, "{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"abc\",\"op\":\"ping\"}");
        parser.parse(RECV, "{\"op\":\"pong\",\"args\":[\"1757405570352\"],\"conn_id\":\"abc\"}");
        parser.parse(RECV, "{\"success\":false,\"ret_msg\":\"error:handler not found\",\"conn_id\":\"abc\",\"op\":\"subscribe\"}");
        parser.parse(RECV, "{\"topic\":\"newTopic.BTCUSDT\",\"ts\":1,\"data\":{}}");
        assertEquals(1, health.ignoredCount(BYBIT, "subscription-ack"));
        assertEquals(2, health.ignoredCount(BYBIT, "pong"));
        assertEquals(1, health.issueCount(BYBIT, "venue-error"));
        assertEquals(1, health.issueCount(BYBIT, "unknown-topic"));
    }

    @Test
    void restOpenInterestHistory() {
        List<MarketEvent> events = parser.parseResponse(RECV, "/v5/market/open-interest?category=linear&symbol=BTCUSDT"
                + "&intervalTime=5min", """
                {"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[
                 {"openInterest":"461134384.00000000","timestamp":"1669571400000"}],"nextPageCursor":""},
                 "time":1672053548579}""");
        assertEquals(List.of(new OpenInterest(BYBIT, "BTCUSDT", 1669571400000L, RECV, parse("461134384"), ABSENT)),
                events);
    }

    private static String book(String type, long updateId, String bids, String asks) {
        return "{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"" + type + "\",\"ts\":1671179923028,\"data\":{"
                + "\"s\":\"BTCUSDT\",\"b\":" + bids + ",\"a\":" + asks + ",\"u\":" + updateId + ",\"seq\":7961638724},"
                + "\"cts\":1671179923024}";
    }

    private static BookLevel level(String price, String qty) {
        return new BookLevel(parse(price), parse(qty));
    }
}
