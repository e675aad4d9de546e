package aftershock.feeds;

import java.util.List;

/**
 * Valid native messages of every connector, written from the shapes in shared/reference/feeds.md: the seeds the fuzz
 * test mutates. A sample with a request is a REST response.
 */
final class NativeSamples {
    record Sample(String request, String raw) {
    }

    private NativeSamples() {
    }

    static List<Sample> of(FeedSource source) {
        return switch (source) {
            case BINANCE_USDM -> BINANCE_USDM;
            case BINANCE_SPOT -> BINANCE_SPOT;
            case COINBASE -> COINBASE;
            case BYBIT -> BYBIT;
            case OKX -> OKX;
        };
    }

    private static Sample ws(String raw) {
        return new Sample(null, raw);
    }

    private static final List<Sample> BINANCE_USDM = List.of(
            ws("{\"e\":\"markPriceUpdate\",\"E\":1562305380000,\"s\":\"BTCUSDT\",\"p\":\"11794.15000000\","
                    + "\"i\":\"11784.62659091\",\"P\":\"11784.25641265\",\"r\":\"0.00038167\",\"T\":1562306400000}"),
            ws("{\"stream\":\"!markPrice@arr@1s\",\"data\":[{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\","
                    + "\"p\":\"100\",\"i\":\"99\",\"P\":\"0\",\"r\":\"0.0001\",\"T\":2},{\"e\":\"markPriceUpdate\","
                    + "\"E\":1,\"s\":\"ETHUSDT\",\"p\":\"10\",\"i\":\"9\",\"P\":\"0\",\"r\":\"\",\"T\":0}]}"),
            ws("{\"e\":\"aggTrade\",\"E\":123456789,\"s\":\"BTCUSDT\",\"a\":5933014,\"p\":\"0.001\",\"q\":\"100\","
                    + "\"f\":100,\"l\":105,\"T\":123456785,\"m\":true}"),
            ws("{\"e\":\"trade\",\"E\":123456789,\"T\":123456788,\"s\":\"BTCUSDT\",\"t\":12345,\"p\":\"0.001\","
                    + "\"q\":\"100\",\"X\":\"MARKET\",\"m\":false}"),
            ws("{\"e\":\"bookTicker\",\"u\":400900217,\"E\":1568014460893,\"T\":1568014460891,\"s\":\"BNBUSDT\","
                    + "\"b\":\"25.35190000\",\"B\":\"31.21000000\",\"a\":\"25.36520000\",\"A\":\"40.66000000\"}"),
            ws("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":123456789,"
                    + "\"T\":123456788,\"s\":\"BTCUSDT\",\"U\":157,\"u\":160,\"pu\":149,"
                    + "\"b\":[[\"0.0024\",\"10\"]],\"a\":[[\"0.0026\",\"100\"]]}}"),
            ws("{\"e\":\"depthUpdate\",\"E\":123456790,\"T\":123456789,\"s\":\"BTCUSDT\",\"U\":161,\"u\":165,"
                    + "\"pu\":160,\"b\":[[\"0.0024\",\"0\"],[\"0.0023\",\"5\"]],\"a\":[]}"),
            ws("{\"stream\":\"btcusdt@depth5@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1571889248277,"
                    + "\"T\":1571889248276,\"s\":\"BTCUSDT\",\"U\":390497796,\"u\":390497878,\"pu\":390497794,"
                    + "\"b\":[[\"7403.89\",\"0.002\"]],\"a\":[[\"7405.96\",\"3.340\"]]}}"),
            ws("{\"e\":\"forceOrder\",\"E\":1568014460893,\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\",\"o\":\"LIMIT\","
                    + "\"f\":\"IOC\",\"q\":\"0.014\",\"p\":\"9910\",\"ap\":\"9910\",\"X\":\"FILLED\",\"l\":\"0.014\","
                    + "\"z\":\"0.014\",\"T\":1568014460893}}"),
            ws("{\"result\":null,\"id\":1}"),
            ws("{\"code\":2,\"msg\":\"Invalid request\",\"id\":1}"),
            new Sample("/fapi/v1/depth?symbol=BTCUSDT&limit=1000", "{\"lastUpdateId\":158,\"E\":1589436922972,"
                    + "\"T\":1589436922959,\"bids\":[[\"0.0023\",\"431\"]],\"asks\":[[\"0.0027\",\"12\"]]}"),
            new Sample("/fapi/v1/openInterest?symbol=BTCUSDT",
                    "{\"openInterest\":\"10659.509\",\"symbol\":\"BTCUSDT\",\"time\":1589437530011}"),
            new Sample("/fapi/v1/premiumIndex", "[{\"symbol\":\"BTCUSDT\",\"markPrice\":\"11793.63104562\","
                    + "\"indexPrice\":\"11781.80495970\",\"estimatedSettlePrice\":\"11781.16138815\","
                    + "\"lastFundingRate\":\"0.00038246\",\"interestRate\":\"0.00010000\","
                    + "\"nextFundingTime\":1597392000000,\"time\":1597370495002}]"),
            new Sample("/fapi/v1/symbolAdlRisk",
                    "{\"symbol\":\"BTCUSDT\",\"adlRisk\":\"low\",\"updateTime\":1597370495002}"));

    private static final List<Sample> BINANCE_SPOT = List.of(
            ws("{\"e\":\"trade\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"t\":12345,\"p\":\"16500.10\","
                    + "\"q\":\"0.012\",\"T\":1672515782134,\"m\":true,\"M\":true}"),
            ws("{\"e\":\"aggTrade\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"a\":26129,\"p\":\"16500.10\","
                    + "\"q\":\"0.012\",\"f\":100,\"l\":105,\"T\":1672515782134,\"m\":false,\"M\":true}"),
            ws("{\"u\":400900217,\"s\":\"BTCUSDT\",\"b\":\"16500.10\",\"B\":\"31.21\",\"a\":\"16500.11\","
                    + "\"A\":\"40.66\"}"),
            ws("{\"e\":\"depthUpdate\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"U\":157,\"u\":160,"
                    + "\"b\":[[\"16500.10\",\"10\"]],\"a\":[[\"16500.20\",\"100\"]]}"),
            ws("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1672515782137,"
                    + "\"s\":\"BTCUSDT\",\"U\":161,\"u\":161,\"b\":[],\"a\":[[\"16500.20\",\"0\"]]}}"),
            ws("{\"e\":\"24hrTicker\",\"E\":1672515782136,\"s\":\"BTCUSDT\",\"c\":\"16500.10\"}"),
            ws("{\"result\":null,\"id\":7}"),
            new Sample("/api/v3/depth?symbol=BTCUSDT&limit=5000",
                    "{\"lastUpdateId\":158,\"bids\":[[\"16500.00\",\"1\"]],\"asks\":[[\"16500.50\",\"2\"]]}"));

    private static final List<Sample> COINBASE = List.of(
            ws("{\"type\":\"match\",\"trade_id\":82047307,\"maker_order_id\":\"0f358725-2134-435e-be11-753912a326e0\","
                    + "\"taker_order_id\":\"252b7002-87a3-425c-ac73-f5b9e23f3caf\",\"side\":\"sell\","
                    + "\"size\":\"0.00513192\",\"price\":\"9314.78\",\"product_id\":\"BTC-USD\","
                    + "\"sequence\":12038915443,\"time\":\"2020-01-31T20:03:41.158814Z\"}"),
            ws("{\"type\":\"last_match\",\"trade_id\":82047306,\"maker_order_id\":\"a\",\"taker_order_id\":\"b\","
                    + "\"side\":\"buy\",\"size\":\"0.1\",\"price\":\"9314.70\",\"product_id\":\"BTC-USD\","
                    + "\"sequence\":12038915440,\"time\":\"2020-01-31T20:03:40.158814Z\"}"),
            ws("{\"type\":\"ticker\",\"sequence\":12042642428,\"product_id\":\"BTC-USD\",\"price\":\"9380.55\","
                    + "\"open_24h\":\"9450.81000000\",\"volume_24h\":\"9611.79166047\",\"low_24h\":\"9195.49000000\","
                    + "\"high_24h\":\"9475.19000000\",\"volume_30d\":\"327812.00311873\",\"best_bid\":\"9380.54\","
                    + "\"best_bid_size\":\"0.4\",\"best_ask\":\"9380.55\",\"best_ask_size\":\"1.2\",\"side\":\"buy\","
                    + "\"time\":\"2020-02-01T01:40:16.253563Z\",\"trade_id\":82062566,\"last_size\":\"0.41969131\"}"),
            ws("{\"type\":\"heartbeat\",\"sequence\":90,\"last_trade_id\":82047307,\"product_id\":\"BTC-USD\","
                    + "\"time\":\"2020-01-31T20:03:42.000000Z\"}"),
            ws("{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]}]}"),
            ws("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"BTC-XYZ is not a valid product\"}"));

    private static final List<Sample> BYBIT = List.of(
            ws("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"cs\":24987956059,\"ts\":1673272861686,"
                    + "\"data\":{\"symbol\":\"BTCUSDT\",\"tickDirection\":\"PlusTick\",\"price24hPcnt\":\"0.017103\","
                    + "\"lastPrice\":\"17216.00\",\"markPrice\":\"17217.33\",\"indexPrice\":\"17227.36\","
                    + "\"openInterest\":\"68744.761\",\"openInterestValue\":\"1183601235.91\","
                    + "\"nextFundingTime\":\"1673280000000\",\"fundingRate\":\"-0.000212\",\"bid1Price\":\"17215.50\","
                    + "\"bid1Size\":\"84.489\",\"ask1Price\":\"17216.00\",\"ask1Size\":\"83.020\"}}"),
            ws("{\"topic\":\"tickers.BTCUSDT\",\"type\":\"delta\",\"cs\":24987956060,\"ts\":1673272861786,"
                    + "\"data\":{\"symbol\":\"BTCUSDT\",\"markPrice\":\"17218.00\",\"openInterest\":\"68750\","
                    + "\"bid1Price\":\"17215.00\"}}"),
            ws("{\"topic\":\"allLiquidation.ROSEUSDT\",\"type\":\"snapshot\",\"ts\":1739502303204,"
                    + "\"data\":[{\"T\":1739502302929,\"s\":\"ROSEUSDT\",\"S\":\"Sell\",\"v\":\"20000\","
                    + "\"p\":\"0.04499\"}]}"),
            ws("{\"topic\":\"liquidation.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1673251091822,\"data\":{"
                    + "\"updatedTime\":1673251091822,\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"size\":\"0.003\","
                    + "\"price\":\"17000\"}}"),
            ws("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1672304486868,\"data\":[{"
                    + "\"T\":1672304486865,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.001\",\"p\":\"16578.50\","
                    + "\"L\":\"PlusTick\",\"i\":\"20f43950-d8dd-5b31-9112-a178eb6023af\",\"BT\":false}]}"),
            ws("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"snapshot\",\"ts\":1671179923028,\"data\":{"
                    + "\"s\":\"BTCUSDT\",\"b\":[[\"17440.00\",\"40.833\"],[\"17439.50\",\"0.513\"]],"
                    + "\"a\":[[\"17440.50\",\"78.815\"]],\"u\":13079592,\"seq\":22520573250},\"cts\":1671179923024}"),
            ws("{\"topic\":\"orderbook.50.BTCUSDT\",\"type\":\"delta\",\"ts\":1671179923046,\"data\":{"
                    + "\"s\":\"BTCUSDT\",\"b\":[],\"a\":[[\"17440.50\",\"78.857\"],[\"17442.00\",\"1.510\"]],"
                    + "\"u\":13079593,\"seq\":22520573259},\"cts\":1671179923042}"),
            ws("{\"topic\":\"adlAlert.USDT\",\"type\":\"snapshot\",\"ts\":1757736794000,\"data\":[{\"c\":\"USDT\","
                    + "\"s\":\"FWOGUSDT\",\"b\":-5421.29889888,\"mb\":\"\",\"i_pr\":-0.3,\"pr\":0,\"adl_tt\":10000,"
                    + "\"adl_sr\":-0.25}]}"),
            ws("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"abc\",\"req_id\":\"1\",\"op\":\"subscribe\"}"),
            ws("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"abc\",\"op\":\"ping\"}"),
            new Sample("/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=5min",
                    "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"symbol\":\"BTCUSDT\",\"category\":\"linear\","
                            + "\"list\":[{\"openInterest\":\"461134384.00000000\",\"timestamp\":\"1669571400000\"}],"
                            + "\"nextPageCursor\":\"\"},\"time\":1672053548579}"),
            new Sample("/v5/market/tickers?category=linear&symbol=BTCUSDT",
                    "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"list\":[{"
                            + "\"symbol\":\"BTCUSDT\",\"markPrice\":\"17217.33\",\"indexPrice\":\"17227.36\","
                            + "\"openInterest\":\"68744.761\",\"fundingRate\":\"-0.000212\","
                            + "\"nextFundingTime\":\"1673280000000\",\"bid1Price\":\"17215.50\",\"bid1Size\":\"84.489\","
                            + "\"ask1Price\":\"17216.00\",\"ask1Size\":\"83.020\"}]},\"time\":1672053548579}"));

    private static final List<Sample> OKX = List.of(
            ws("{\"arg\":{\"channel\":\"funding-rate\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{"
                    + "\"instId\":\"BTC-USDT-SWAP\",\"instType\":\"SWAP\",\"method\":\"current_period\","
                    + "\"fundingRate\":\"0.0001875391284828\",\"fundingTime\":\"1700726400000\","
                    + "\"nextFundingRate\":\"\",\"nextFundingTime\":\"1700755200000\",\"ts\":\"1700724675402\"}]}"),
            ws("{\"arg\":{\"channel\":\"open-interest\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{"
                    + "\"instType\":\"SWAP\",\"instId\":\"BTC-USDT-SWAP\",\"oi\":\"2216113.01\",\"oiCcy\":\"22161.1301\","
                    + "\"oiUsd\":\"1412345678.9\",\"ts\":\"1700724675402\"}]}"),
            ws("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":[{"
                    + "\"instId\":\"BTC-USDT-SWAP\",\"instFamily\":\"BTC-USDT\",\"instType\":\"SWAP\",\"uly\":\"BTC-USDT\","
                    + "\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\"60000.1\",\"ccy\":\"\",\"posSide\":\"short\","
                    + "\"side\":\"buy\",\"sz\":\"13\",\"ts\":\"1692266434010\"}]}]}"),
            ws("{\"arg\":{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instType\":\"SWAP\","
                    + "\"instId\":\"BTC-USDT-SWAP\",\"markPx\":\"42310.6\",\"ts\":\"1630049139746\"}]}"),
            ws("{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instType\":\"SPOT\","
                    + "\"instId\":\"BTC-USDT\",\"last\":\"9999.99\",\"lastSz\":\"0.1\",\"askPx\":\"9999.99\","
                    + "\"askSz\":\"11\",\"bidPx\":\"8888.88\",\"bidSz\":\"5\",\"ts\":\"1597026383085\"}]}"),
            ws("{\"arg\":{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":\"BTC-USDT-SWAP\","
                    + "\"tradeId\":\"130639474\",\"px\":\"42219.9\",\"sz\":\"100\",\"side\":\"buy\","
                    + "\"ts\":\"1630048897897\"}]}"),
            ws("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"funding-rate\",\"instId\":\"BTC-USDT-SWAP\"},"
                    + "\"connId\":\"a4d3ae55\"}"),
            ws("pong"));
}
