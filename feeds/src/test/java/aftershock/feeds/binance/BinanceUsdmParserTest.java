package aftershock.feeds.binance;

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
import static aftershock.feeds.FeedSource.BINANCE_USDM;
import static aftershock.feeds.MarketEvent.ABSENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binance USDⓈ-M messages written from the shapes of the venue's documentation (shared/reference/feeds.md §1-2). */
class BinanceUsdmParserTest {
    private static final long RECV = 1_700_000_000_123L;

    private final FeedHealth health = new FeedHealth();
    private final BinanceUsdmParser parser = new BinanceUsdmParser(health, new ParserLimits(3, 100, 1000, 100, 1000));

    @Test
    void markPriceUpdateGivesMarkIndexFundingAndNextFundingTime() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT",
                 "p":"11794.15000000","i":"11784.62659091","P":"11784.25641265",
                 "r":"0.00038167","T":1562306400000}""");
        assertEquals(List.of(new MarkFunding(BINANCE_USDM, "BTCUSDT", 1562305380000L, RECV, parse("11794.15"),
                parse("11784.62659091"), parse("0.00038167"), 1562306400000L)), events);
    }

    @Test
    void deliveryContractHasNoFunding() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT_251226","p":"11794.15","i":"11784.6",
                 "P":"11784.25","r":"","T":0}""");
        assertEquals(List.of(new MarkFunding(BINANCE_USDM, "BTCUSDT_251226", 1562305380000L, RECV, parse("11794.15"),
                parse("11784.6"), ABSENT, ABSENT)), events);
    }

    @Test
    void allMarketMarkPriceArrayInACombinedStreamGivesOneEventPerSymbol() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"stream":"!markPrice@arr@1s","data":[
                 {"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"100","i":"99","P":"0","r":"0.0001","T":2},
                 {"e":"markPriceUpdate","E":1,"s":"ETHUSDT","p":"10","i":"9","P":"0","r":"-0.0001","T":2}]}""");
        assertEquals(List.of(
                new MarkFunding(BINANCE_USDM, "BTCUSDT", 1, RECV, parse("100"), parse("99"), parse("0.0001"), 2),
                new MarkFunding(BINANCE_USDM, "ETHUSDT", 1, RECV, parse("10"), parse("9"), parse("-0.0001"), 2)),
                events);
    }

    @Test
    void oneBadElementOfAnArrayIsCountedAndTheOthersAreUsed() {
        List<MarketEvent> events = parser.parse(RECV, """
                [{"e":"markPriceUpdate","E":1,"s":"BTCUSDT","p":"1e5","i":"99","r":"0.0001","T":2},
                 {"e":"markPriceUpdate","E":1,"s":"ETHUSDT","p":"10","i":"9","r":"-0.0001","T":2}]""");
        assertEquals(1, events.size());
        assertEquals("ETHUSDT", events.get(0).symbol());
        assertEquals(1, health.issueCount(BINANCE_USDM, "bad-decimal:p"));
    }

    @Test
    void aggTradeWithBuyerAsMakerIsASellAggressor() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"e":"aggTrade","E":123456789,"s":"BTCUSDT","a":5933014,"p":"0.001","q":"100",
                 "f":100,"l":105,"T":123456785,"m":true}""");
        assertEquals(List.of(new Trade(BINANCE_USDM, "BTCUSDT", 123456785L, RECV, parse("0.001"), parse("100"),
                Side.SELL, "5933014")), events);
    }

    @Test
    void aggTradeWithBuyerAsTakerIsABuyAggressor() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"e":"aggTrade","E":123456789,"s":"BTCUSDT","a":7,"p":"108000.10","q":"0.5",
                 "f":100,"l":105,"T":123456785,"m":false}""");
        assertEquals(Side.BUY, ((Trade) events.get(0)).aggressorSide());
    }

    @Test
    void forceOrderSellMeansALongWasLiquidatedAndIsSampled() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"e":"forceOrder","E":1568014460893,
                 "o":{"s":"BTCUSDT","S":"SELL","o":"LIMIT","f":"IOC","q":"0.014","p":"9910",
                      "ap":"9910","X":"FILLED","l":"0.014","z":"0.014","T":1568014460893}}""");
        assertEquals(List.of(new Liquidation(BINANCE_USDM, "BTCUSDT", 1568014460893L, RECV, PositionSide.LONG,
                parse("9910"), parse("0.014"), true)), events);
        assertEquals(parse("138.74"), ((Liquidation) events.get(0)).notionalE8());
    }

    @Test
    void forceOrderBuyMeansAShortWasLiquidated() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":1568014460893,
                 "o":{"s":"ETHUSDT","S":"BUY","o":"LIMIT","f":"IOC","q":"2","p":"2000",
                      "ap":"1999.5","X":"PARTIALLY_FILLED","l":"1","z":"1.5","T":1568014460890}}}""");
        assertEquals(List.of(new Liquidation(BINANCE_USDM, "ETHUSDT", 1568014460890L, RECV, PositionSide.SHORT,
                parse("1999.5"), parse("1.5"), true)), events);
    }

    @Test
    void bookTickerGivesTheTopOfBook() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BNBUSDT",
                 "b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}""");
        assertEquals(List.of(new BookTop(BINANCE_USDM, "BNBUSDT", 1568014460893L, RECV, parse("25.3519"),
                parse("31.21"), parse("25.3652"), parse("40.66"))), events);
    }

    @Test
    void subscriptionAckIsIgnoredAndCountedNotAnIssue() {
        assertEquals(List.of(), parser.parse(RECV, "{\"result\":null,\"id\":1}"));
        assertEquals(1, health.ignoredCount(BINANCE_USDM, "subscription-ack"));
        assertEquals(0, health.issueTotal(BINANCE_USDM));
    }

    @Test
    void venueErrorIsAnIssueWithItsRawText() {
        String raw = "{\"code\":2,\"msg\":\"Invalid request: unknown variant\",\"id\":1}";
        assertEquals(List.of(), parser.parse(RECV, raw));
        assertEquals(1, health.issueCount(BINANCE_USDM, "venue-error"));
        assertEquals(raw, health.recentIssues(BINANCE_USDM).get(0).raw());
    }

    @Test
    void unknownEventTypeIsCountedNotUsed() {
        assertEquals(List.of(), parser.parse(RECV, "{\"e\":\"somethingNew\",\"E\":1,\"s\":\"BTCUSDT\"}"));
        assertEquals(1, health.issueCount(BINANCE_USDM, "unknown-event"));
    }

    @Test
    void knownButUnusedEventTypeIsIgnored() {
        assertEquals(List.of(), parser.parse(RECV, "{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{}}"));
        assertEquals(1, health.ignoredCount(BINANCE_USDM, "unused-event"));
        assertEquals(0, health.issueTotal(BINANCE_USDM));
    }

    @Test
    void missingAndBadFieldsAreNamedInTheReason() {
        parser.parse(RECV, "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"q\":\"1\",\"T\":1,\"m\":true}");
        parser.parse(RECV, "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1.2.3\",\"T\":1,\"m\":true}");
        parser.parse(RECV, "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"-5\",\"q\":\"1\",\"T\":1,\"m\":true}");
        parser.parse(RECV, "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"5\",\"q\":\"1\",\"T\":1,\"m\":\"yes\"}");
        parser.parse(RECV, "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"5\",\"q\":\"1\",\"T\":-1,\"m\":true}");
        assertEquals(1, health.issueCount(BINANCE_USDM, "missing-field:p"));
        assertEquals(1, health.issueCount(BINANCE_USDM, "bad-decimal:q"));
        assertEquals(1, health.issueCount(BINANCE_USDM, "out-of-range:p"));
        assertEquals(1, health.issueCount(BINANCE_USDM, "bad-type:m"));
        assertEquals(1, health.issueCount(BINANCE_USDM, "bad-time:T"));
        assertEquals(0, health.events(BINANCE_USDM));
    }

    @Test
    void malformedJsonDuplicateKeysAndTrailingTextAreMalformed() {
        parser.parse(RECV, "{\"e\":\"aggTrade\",");
        parser.parse(RECV, "{\"e\":\"aggTrade\",\"p\":\"1\",\"p\":\"2\"}");
        parser.parse(RECV, "{\"result\":null,\"id\":1} trailing");
        parser.parse(RECV, "");
        assertEquals(3, health.issueCount(BINANCE_USDM, "malformed-json"));
        assertEquals(1, health.issueCount(BINANCE_USDM, "empty-message"));
    }

    @Test
    void keysAreCaseSensitive() {
        // "E" (event time) and "e" (event type) differ; a lower-case "p" is not the price "P".
        parser.parse(RECV, "{\"E\":\"aggTrade\",\"s\":\"BTCUSDT\"}");
        assertEquals(1, health.issueCount(BINANCE_USDM, "unknown-message"));
    }

    @Test
    void depthIsPublishedOnlyOnceSnapshotAndFirstDiffAreInSync() {
        // Buffered before the snapshot (step 1), dropped because u < lastUpdateId (step 3), then applied (step 4).
        assertEquals(List.of(), parser.parse(RECV, diff(100, 105, 99, "[[\"99\",\"1\"]]", "[]")));
        assertEquals(List.of(), parser.parse(RECV, diff(106, 112, 105, "[[\"98\",\"2\"]]", "[]")));
        assertEquals(List.of("BTCUSDT"), List.copyOf(parser.symbolsNeedingSnapshot()));
        List<MarketEvent> events = parser.parseResponse(RECV + 1, "/fapi/v1/depth?symbol=BTCUSDT&limit=1000", """
                {"lastUpdateId":110,"E":1589436922972,"T":1589436922959,
                 "bids":[["100.0","1.5"],["99.0","3"]],"asks":[["101.0","2"],["102.5","4"]]}""");
        // The diff 106..112 straddles 110: the book is the snapshot plus that diff.
        assertEquals(List.of(
                new BookDepth(BINANCE_USDM, "BTCUSDT", 1700, RECV + 1, 112,
                        List.of(level("100", "1.5"), level("99", "3"), level("98", "2")),
                        List.of(level("101", "2"), level("102.5", "4"))),
                new BookTop(BINANCE_USDM, "BTCUSDT", 1700, RECV + 1, parse("100"), parse("1.5"), parse("101"),
                        parse("2"))), events);
        assertTrue(parser.symbolsNeedingSnapshot().isEmpty());
        assertEquals(0, health.issueTotal(BINANCE_USDM));
    }

    @Test
    void depthDiffInSequenceUpdatesTheBookAndTopOnlyWhenItChanges() {
        syncedBook();
        // pu == previous u: applied; quantity 0 removes a level; the top did not change, so no BookTop.
        List<MarketEvent> events = parser.parse(RECV, diff(113, 115, 112, "[[\"98\",\"0\"]]", "[[\"103\",\"1\"]]"));
        assertEquals(List.of(new BookDepth(BINANCE_USDM, "BTCUSDT", 1700, RECV, 115,
                List.of(level("100", "1.5"), level("99", "3")),
                List.of(level("101", "2"), level("102.5", "4"), level("103", "1")))), events);
        events = parser.parse(RECV, diff(116, 116, 115, "[[\"100.5\",\"0.1\"]]", "[]"));
        assertEquals(new BookTop(BINANCE_USDM, "BTCUSDT", 1700, RECV, parse("100.5"), parse("0.1"), parse("101"),
                parse("2")), events.get(1));
    }

    @Test
    void aGapInPuDiscardsTheBookAndDiscardsDiffsUntilANewSnapshot() {
        syncedBook();
        // pu 113 != previous u 112: a diff was lost.
        assertEquals(List.of(), parser.parse(RECV, diff(114, 115, 113, "[[\"97\",\"1\"]]", "[]")));
        assertEquals(1, health.issueCount(BINANCE_USDM, "sequence-gap"));
        assertEquals(List.of("BTCUSDT"), List.copyOf(parser.symbolsNeedingSnapshot()));
        assertEquals(List.of(), parser.parse(RECV, diff(116, 118, 115, "[[\"96\",\"1\"]]", "[]")));
        // A new snapshot at 117: the buffered 116..118 straddles it and is applied on top.
        List<MarketEvent> events = parser.parseResponse(RECV + 2, "/fapi/v1/depth?symbol=BTCUSDT", """
                {"lastUpdateId":117,"E":1589436922999,"T":1589436922990,
                 "bids":[["95","1"]],"asks":[["101","1"]]}""");
        assertEquals(List.of(
                new BookDepth(BINANCE_USDM, "BTCUSDT", 1700, RECV + 2, 118, List.of(level("96", "1"), level("95", "1")),
                        List.of(level("101", "1"))),
                new BookTop(BINANCE_USDM, "BTCUSDT", 1700, RECV + 2, parse("96"), parse("1"), parse("101"),
                        parse("1"))), events);
        assertTrue(parser.symbolsNeedingSnapshot().isEmpty());
    }

    @Test
    void aSnapshotOlderThanTheBufferedStreamIsReportedAndAnotherIsNeeded() {
        parser.parse(RECV, diff(200, 205, 199, "[]", "[]"));
        assertEquals(List.of(), parser.parseResponse(RECV, "/fapi/v1/depth?symbol=BTCUSDT", """
                {"lastUpdateId":150,"E":1,"T":1,"bids":[["1","1"]],"asks":[["2","1"]]}"""));
        assertEquals(1, health.issueCount(BINANCE_USDM, "stale-snapshot"));
        assertFalse(parser.symbolsNeedingSnapshot().isEmpty());
    }

    @Test
    void partialDepthStreamIsPublishedAsACompleteTopOfBook() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"stream":"btcusdt@depth5@100ms","data":{"e":"depthUpdate","E":1571889248277,"T":1571889248276,
                 "s":"BTCUSDT","U":390497796,"u":390497878,"pu":390497794,
                 "b":[["7403.89","0.002"],["7403.90","3.906"]],"a":[["7405.96","3.340"]]}}""");
        assertEquals(new BookDepth(BINANCE_USDM, "BTCUSDT", 1571889248277L, RECV, 390497878L,
                List.of(level("7403.90", "3.906"), level("7403.89", "0.002")), List.of(level("7405.96", "3.340"))),
                events.get(0));
        assertTrue(parser.symbolsNeedingSnapshot().isEmpty(), "a partial stream is not a diff stream");
    }

    @Test
    void restOpenInterestPremiumIndexAndAdlRisk() {
        assertEquals(List.of(new OpenInterest(BINANCE_USDM, "BTCUSDT", 1589437530011L, RECV, parse("10659.509"),
                ABSENT)), parser.parseResponse(RECV, "/fapi/v1/openInterest?symbol=BTCUSDT",
                "{\"openInterest\":\"10659.509\",\"symbol\":\"BTCUSDT\",\"time\":1589437530011}"));
        assertEquals(List.of(new MarkFunding(BINANCE_USDM, "BTCUSDT", 1597370495002L, RECV, parse("11793.63104562"),
                parse("11781.80495970"), parse("0.00038246"), 1597392000000L)),
                parser.parseResponse(RECV, "https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT", """
                        {"symbol":"BTCUSDT","markPrice":"11793.63104562","indexPrice":"11781.80495970",
                         "estimatedSettlePrice":"11781.16138815","lastFundingRate":"0.00038246",
                         "interestRate":"0.00010000","nextFundingTime":1597392000000,"time":1597370495002}"""));
        assertEquals(List.of(new AdlNotice(BINANCE_USDM, "BTCUSDT", 1597370495002L, RECV, AdlRisk.HIGH, "", ABSENT,
                ABSENT, ABSENT, ABSENT, ABSENT)), parser.parseResponse(RECV, "/fapi/v1/symbolAdlRisk",
                "[{\"symbol\":\"BTCUSDT\",\"adlRisk\":\"high\",\"updateTime\":1597370495002}]"));
        parser.parseResponse(RECV, "/fapi/v1/klines?symbol=BTCUSDT", "[]");
        assertEquals(1, health.issueCount(BINANCE_USDM, "unknown-request"));
    }

    private void syncedBook() {
        parser.parse(RECV, diff(106, 112, 105, "[[\"98\",\"2\"]]", "[]"));
        parser.parseResponse(RECV, "/fapi/v1/depth?symbol=BTCUSDT", """
                {"lastUpdateId":110,"E":1589436922972,"T":1589436922959,
                 "bids":[["100.0","1.5"],["99.0","3"]],"asks":[["101.0","2"],["102.5","4"]]}""");
        assertTrue(parser.depthSync("BTCUSDT").inSync());
    }

    private static String diff(long first, long last, long previous, String bids, String asks) {
        return "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1700,\"T\":1699,"
                + "\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last + ",\"pu\":" + previous + ",\"b\":" + bids
                + ",\"a\":" + asks + "}}";
    }

    private static BookLevel level(String price, String qty) {
        return new BookLevel(parse(price), parse(qty));
    }
}
