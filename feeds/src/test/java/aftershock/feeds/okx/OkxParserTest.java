package aftershock.feeds.okx;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.MarketEvent.Liquidation;
import aftershock.feeds.MarketEvent.MarkFunding;
import aftershock.feeds.MarketEvent.OpenInterest;
import aftershock.feeds.PositionSide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static aftershock.engine.api.DecimalE8.parse;
import static aftershock.feeds.FeedSource.OKX;
import static aftershock.feeds.MarketEvent.ABSENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OKX v5 public messages written from the shapes in shared/reference/feeds.md §6. */
class OkxParserTest {
    private static final long RECV = 1_700_724_675_500L;

    private final FeedHealth health = new FeedHealth();
    private final OkxParser parser = new OkxParser(health, Map.of("BTC-USDT-SWAP", parse("0.01"),
            "IOST-USDT-SWAP", parse("1000")));

    @Test
    void fundingRateIsRoundedHalfEvenToEightPlaces() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{
                  "instId":"BTC-USDT-SWAP","instType":"SWAP","method":"current_period",
                  "fundingRate":"0.0001875391284828","fundingTime":"1700726400000",
                  "nextFundingRate":"","nextFundingTime":"1700755200000",
                  "premium":"0.0001233824646391","maxFundingRate":"0.00375","minFundingRate":"-0.00375",
                  "settFundingRate":"0.0001699799259033","settState":"settled","ts":"1700724675402"}]}""");
        assertEquals(List.of(new MarkFunding(OKX, "BTC-USDT-SWAP", 1700724675402L, RECV, ABSENT, ABSENT,
                parse("0.00018754"), 1700726400000L)), events);
    }

    @Test
    void openInterestIsInBaseCoinsWithItsUsdValue() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[{
                  "instType":"SWAP","instId":"BTC-USDT-SWAP","oi":"2216113.01","oiCcy":"22161.1301",
                  "oiUsd":"1412345678.9","ts":"1700724675402"}]}""");
        assertEquals(List.of(new OpenInterest(OKX, "BTC-USDT-SWAP", 1700724675402L, RECV, parse("22161.1301"),
                parse("1412345678.9"))), events);
    }

    @Test
    void liquidationOrderUsesPosSideConvertsContractsAndIsSampled() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{
                  "instId":"IOST-USDT-SWAP","instFamily":"IOST-USDT","instType":"SWAP","uly":"IOST-USDT",
                  "details":[{"bkLoss":"0","bkPx":"0.007831","ccy":"","posSide":"short","side":"buy","sz":"13",
                              "ts":"1692266434010"}]}]}""");
        assertEquals(List.of(new Liquidation(OKX, "IOST-USDT-SWAP", 1692266434010L, RECV, PositionSide.SHORT,
                parse("0.007831"), parse("13000"), true)), events);
    }

    @Test
    void netModeLiquidationSideComesFromTheOrderSide() {
        List<MarketEvent> events = parser.parse(RECV, """
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"instId":"BTC-USDT-SWAP",
                  "details":[{"bkPx":"60000","posSide":"net","side":"sell","sz":"250","ts":"1692266434010"}]}]}""");
        assertEquals(new Liquidation(OKX, "BTC-USDT-SWAP", 1692266434010L, RECV, PositionSide.LONG, parse("60000"),
                parse("2.5"), true), events.get(0));
    }

    @Test
    void unknownContractSizeIsNotGuessed() {
        parser.parse(RECV, """
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"instId":"DOGE-USDT-SWAP",
                  "details":[{"bkPx":"0.1","posSide":"long","side":"sell","sz":"1","ts":"1692266434010"}]}]}""");
        assertEquals(1, health.issueCount(OKX, "unknown-contract-size"));
    }

    @Test
    void pongTextAndSubscribeAcksAreIgnoredAndErrorsAreIssues() {
        assertEquals(List.of(), parser.parse(RECV, "pong"));
        parser.parse(RECV, "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"funding-rate\",\"instId\":\"BTC-USDT-SWAP\"},"
                + "\"connId\":\"a4d3ae55\"}");
        parser.parse(RECV, "{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\",\"connId\":\"a4d3ae55\"}");
        parser.parse(RECV, "ping?");
        assertEquals(1, health.ignoredCount(OKX, "pong"));
        assertEquals(1, health.ignoredCount(OKX, "subscription-ack"));
        assertEquals(1, health.issueCount(OKX, "venue-error"));
        assertEquals(1, health.issueCount(OKX, "malformed-json"));
    }
}
