package aftershock.feeds.live;

import aftershock.feeds.FeedSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorConfigTest {

    @Test
    void binanceUsdmPutsDepthOnThePublicPathAndTheRestOnTheMarketPath() {
        ConnectorConfig c = ConnectorConfig.binanceUsdm(List.of("BTCUSDT", "ETHUSDT"));
        assertEquals("binance-usdm", c.id());
        assertEquals(URI.create("wss://fstream.binance.com/public/ws"), c.streams().get(0).url());
        assertEquals(URI.create("wss://fstream.binance.com/market/ws"), c.streams().get(1).url());
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\",\"btcusdt@bookTicker\","
                + "\"ethusdt@depth@100ms\",\"ethusdt@bookTicker\"],\"id\":1}"), c.streams().get(0).subscribeMessages());
        assertTrue(c.streams().get(1).subscribeMessages().get(0).contains("\"ethusdt@forceOrder\""));
        assertEquals("/fapi/v1/depth?symbol=ETHUSDT&limit=1000", c.depthResync().snapshotRequestFor("ETHUSDT"));
        assertEquals(new RestPoll("/fapi/v1/openInterest?symbol=BTCUSDT", 30_000), c.polls().get(0));
    }

    @Test
    void everyVenueHasDefaultsAndEveryEndpointCanBeReplaced() {
        for (FeedSource s : FeedSource.values()) {
            String symbol = switch (s) {
                case COINBASE -> "BTC-USD";
                case OKX -> "BTC-USDT-SWAP";
                default -> "BTCUSDT";
            };
            ConnectorConfig c = ConnectorConfig.defaults(s, List.of(symbol));
            assertEquals(s, c.source());
            for (StreamConfig stream : c.streams()) {
                assertEquals("wss", stream.url().getScheme(), s + " " + stream.name());
                ConnectorConfig moved = c.withStreamUrl(stream.name(), URI.create("ws://127.0.0.1:1/x"));
                assertTrue(moved.streams().stream().anyMatch(x -> x.url().toString().equals("ws://127.0.0.1:1/x")));
            }
            if (c.restBaseUrl() != null) {
                assertEquals(2, c.withRestBaseUrl(URI.create("http://127.0.0.1:2")).restBaseUrl().getPort());
            }
        }
        assertEquals("{\"req_id\":\"ping\",\"op\":\"ping\"}", ConnectorConfig.bybit(List.of("BTCUSDT"))
                .keepAlive().pingText());
        assertEquals("ping", ConnectorConfig.okx(List.of("BTC-USDT-SWAP")).keepAlive().pingText());
    }

    @Test
    void badConfigurationIsRejectedWithTheFieldNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectorConfig.coinbase(List.of("BTC-USD")).withStreamUrl("feed",
                        URI.create("https://ws-feed.exchange.coinbase.com")));
        assertTrue(e.getMessage().contains("ws:// or wss://"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConnectorConfig.binanceUsdm(List.of("BTCUSDT")).withRestBaseUrl(null));
        assertTrue(e.getMessage().contains("restBaseUrl"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectorConfig.binanceUsdm(List.of("btc usdt")));
        assertThrows(IllegalArgumentException.class, () -> ConnectorConfig.binanceUsdm(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectorConfig.coinbase(List.of("BTC-USD")).withStreamUrl("nope", URI.create("ws://x")));
        assertThrows(IllegalArgumentException.class, () -> new KeepAlive("ping", 0, 0, 0, 0));
    }
}
