package aftershock.feeds.coinbase;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.MarketEvent.BookTop;
import aftershock.feeds.MarketEvent.Trade;
import aftershock.feeds.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.engine.api.DecimalE8.parse;
import static aftershock.feeds.FeedSource.COINBASE;
import static aftershock.feeds.MarketEvent.ABSENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Coinbase Exchange messages written from the shapes in shared/reference/feeds.md §4.1. */
class CoinbaseParserTest {
    private static final long RECV = 1_580_501_021_200L;

    private final FeedHealth health = new FeedHealth();
    private final CoinbaseParser parser = new CoinbaseParser(health);

    @Test
    void matchSideIsTheMakersSideSoASellMatchIsABuyAggressor() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"type":"match","trade_id":82047307,"maker_order_id":"0f358725-2134-435e-be11-753912a326e0",
                 "taker_order_id":"252b7002-87a3-425c-ac73-f5b9e23f3caf","side":"sell","size":"0.00513192",
                 "price":"9314.78","product_id":"BTC-USD","sequence":12038915443,
                 "time":"2020-01-31T20:03:41.158814Z"}""");
        assertEquals(List.of(new Trade(COINBASE, "BTC-USD", 1580501021158L, RECV, parse("9314.78"),
                parse("0.00513192"), Side.BUY, "82047307")), events);
    }

    @Test
    void lastMatchIsATradeTooAndABuyMakerIsASellAggressor() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"type":"last_match","trade_id":1,"maker_order_id":"a","taker_order_id":"b","side":"buy",
                 "size":"1","price":"100","product_id":"BTC-USD","sequence":5,"time":"2020-01-31T20:03:41Z"}""");
        assertEquals(Side.SELL, ((Trade) events.get(0)).aggressorSide());
    }

    @Test
    void tickerGivesTheBestBidAndOffer() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"type":"ticker","sequence":12042642428,"product_id":"BTC-USD","price":"9380.55",
                 "open_24h":"9450.81000000","volume_24h":"9611.79166047","low_24h":"9195.49000000",
                 "high_24h":"9475.19000000","volume_30d":"327812.00311873",
                 "best_bid":"9380.54","best_bid_size":"0.4","best_ask":"9380.55","best_ask_size":"1.2",
                 "side":"buy","time":"2020-02-01T01:40:16.253563Z","trade_id":82062566,"last_size":"0.41969131"}""");
        assertEquals(List.of(new BookTop(COINBASE, "BTC-USD", 1580521216253L, RECV, parse("9380.54"), parse("0.4"),
                parse("9380.55"), parse("1.2"))), events);
    }

    @Test
    void olderTickerWithoutSizesGivesAbsentQuantities() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"type":"ticker","sequence":1,"product_id":"BTC-USD","price":"9380.55",
                 "best_bid":"9380.54","best_ask":"9380.55","side":"buy","time":"2020-02-01T01:40:16Z"}""");
        assertEquals(List.of(new BookTop(COINBASE, "BTC-USD", 1580521216000L, RECV, parse("9380.54"), ABSENT,
                parse("9380.55"), ABSENT)), events);
    }

    @Test
    void outOfOrderMessagesAreDropped() {
        parser.parse(RECV, match(10, 1000));
        assertEquals(List.of(), parser.parse(RECV, match(9, 999)));
        assertEquals(List.of(), parser.parse(RECV, match(10, 1000)));
        assertEquals(1, parser.parse(RECV, match(11, 1001)).size());
        assertEquals(2, health.ignoredCount(COINBASE, "out-of-order"));
    }

    @Test
    void aSequenceFarBelowTheLastIsARestartNotALateMessage() {
        parser.parse(RECV, match(5_000_000, 1000));
        assertEquals(1, parser.parse(RECV, match(12, 1001)).size());
        assertEquals(1, health.issueCount(COINBASE, "sequence-reset"));
        assertEquals(List.of(), parser.parse(RECV, match(11, 1002)), "and ordering holds again from there");
    }

    @Test
    void heartbeatBeyondTheLastMatchRevealsMissedTrades() {
        parser.parse(RECV, match(10, 1000));
        parser.parse(RECV, "{\"type\":\"heartbeat\",\"sequence\":90,\"last_trade_id\":1000,\"product_id\":\"BTC-USD\","
                + "\"time\":\"2020-01-31T20:03:42Z\"}");
        assertEquals(0, health.issueTotal(COINBASE));
        parser.parse(RECV, "{\"type\":\"heartbeat\",\"sequence\":91,\"last_trade_id\":1003,\"product_id\":\"BTC-USD\","
                + "\"time\":\"2020-01-31T20:03:43Z\"}");
        assertEquals(1, health.issueCount(COINBASE, "missed-trades"));
        assertEquals(2, health.ignoredCount(COINBASE, "heartbeat"));
    }

    @Test
    void subscriptionsAreIgnoredAndErrorsAndUnknownTypesAreIssues() {
        parser.parse(RECV, "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}]}");
        parser.parse(RECV, "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"BTC-XYZ is not a valid product\"}");
        parser.parse(RECV, "{\"type\":\"brand_new\",\"product_id\":\"BTC-USD\"}");
        parser.parse(RECV, "{\"type\":\"match\",\"trade_id\":1,\"side\":\"sell\",\"size\":\"1\",\"price\":\"1\","
                + "\"product_id\":\"BTC-USD\",\"sequence\":1,\"time\":\"yesterday\"}");
        assertEquals(1, health.ignoredCount(COINBASE, "subscription-ack"));
        assertEquals(1, health.issueCount(COINBASE, "venue-error"));
        assertEquals(1, health.issueCount(COINBASE, "unknown-event"));
        assertEquals(1, health.issueCount(COINBASE, "bad-time:time"));
    }

    private static String match(long sequence, long tradeId) {
        return "{\"type\":\"match\",\"trade_id\":" + tradeId + ",\"maker_order_id\":\"m\",\"taker_order_id\":\"t\","
                + "\"side\":\"buy\",\"size\":\"0.1\",\"price\":\"9314.78\",\"product_id\":\"BTC-USD\",\"sequence\":"
                + sequence + ",\"time\":\"2020-01-31T20:03:41.158814Z\"}";
    }
}
