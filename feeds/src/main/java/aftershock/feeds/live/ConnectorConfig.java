package aftershock.feeds.live;

import aftershock.feeds.FeedSource;
import aftershock.feeds.wire.Fields;
import aftershock.feeds.wire.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything a live connector needs to reach one venue, as data: its WebSocket connections (one per stream class:
 * Binance USDⓈ-M splits depth onto {@code /public} and the rest onto {@code /market} since 2026), the subscription
 * messages of each, the REST base URL for depth snapshots and polls, keepalive, stale threshold and reconnect backoff.
 * Every endpoint is configuration: the defaults below (docs/FEEDS.md) can be replaced field by field, and tests point
 * them at local servers.
 *
 * @param staleAfterMs       the source is stale in {@code FeedHealth} after this long without a usable message
 * @param connectTimeoutMs   the WebSocket opening handshake's limit
 * @param restTimeoutMs      a REST request's limit
 * @param pendingMessagesMax received messages waiting for the feeds thread beyond which new ones are dropped (and
 *                           counted as {@code receive-backlog}: a dropped depth diff then shows as a sequence gap)
 */
public record ConnectorConfig(FeedSource source, List<StreamConfig> streams, URI restBaseUrl, DepthResync depthResync,
                              List<RestPoll> polls, KeepAlive keepAlive, long staleAfterMs, Backoff backoff,
                              long connectTimeoutMs, long restTimeoutMs, int pendingMessagesMax) {

    public static final long CONNECT_TIMEOUT_MS = 10_000;
    public static final long REST_TIMEOUT_MS = 10_000;
    public static final int PENDING_MESSAGES_MAX = 100_000;
    private static final long HOUR_MS = 3_600_000;

    public ConnectorConfig {
        if (source == null) {
            throw new IllegalArgumentException("source must be present");
        }
        streams = List.copyOf(streams);
        polls = List.copyOf(polls);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException(source + ": at least one stream is needed");
        }
        Set<String> names = new HashSet<>();
        for (StreamConfig s : streams) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException(source + ": duplicate stream name " + s.name());
            }
        }
        if (restBaseUrl != null && (restBaseUrl.getScheme() == null
                || !(restBaseUrl.getScheme().equals("http") || restBaseUrl.getScheme().equals("https")))) {
            throw new IllegalArgumentException(source + ": restBaseUrl must be http:// or https://: " + restBaseUrl);
        }
        if (restBaseUrl == null && (depthResync.mode() == DepthResync.Mode.REST_SNAPSHOT || !polls.isEmpty())) {
            throw new IllegalArgumentException(source + ": REST snapshots and polls need a restBaseUrl");
        }
        if (depthResync.mode() == DepthResync.Mode.RESUBSCRIBE && !names.contains(depthResync.stream())) {
            throw new IllegalArgumentException(source + ": resync stream " + depthResync.stream() + " is not a stream");
        }
        if (keepAlive == null || backoff == null) {
            throw new IllegalArgumentException(source + ": keepAlive and backoff must be present");
        }
        if (staleAfterMs <= 0 || connectTimeoutMs <= 0 || restTimeoutMs <= 0 || pendingMessagesMax <= 0) {
            throw new IllegalArgumentException(source + ": staleAfterMs, connectTimeoutMs, restTimeoutMs and"
                    + " pendingMessagesMax must be positive: " + staleAfterMs + ", " + connectTimeoutMs + ", "
                    + restTimeoutMs + ", " + pendingMessagesMax);
        }
        if (connectTimeoutMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + ": connectTimeoutMs too large: " + connectTimeoutMs);
        }
    }

    /** The connector id, as in recordings: {@code binance-usdm}, {@code coinbase}, ... */
    public String id() {
        return source.id();
    }

    /** The venue's defaults for these symbols (as the venue spells them: BTCUSDT, BTC-USD, BTC-USDT-SWAP). */
    public static ConnectorConfig defaults(FeedSource source, List<String> symbols) {
        return switch (source) {
            case BINANCE_USDM -> binanceUsdm(symbols);
            case BINANCE_SPOT -> binanceSpot(symbols);
            case COINBASE -> coinbase(symbols);
            case BYBIT -> bybit(symbols);
            case OKX -> okx(symbols);
        };
    }

    /**
     * Binance USDⓈ-M: depth diffs and book tickers on {@code wss://fstream.binance.com/public/ws}, mark price (1 s),
     * aggregated trades and liquidations on {@code .../market/ws}, one batched SUBSCRIBE per connection (the venue
     * allows 10 client messages per second); REST {@code https://fapi.binance.com} for depth snapshots (limit 1000),
     * open interest every 30 s and ADL risk every 30 min. Protocol pings from the server are answered by the library;
     * connections are replaced after 23 h (the venue closes them at 24 h).
     */
    public static ConnectorConfig binanceUsdm(List<String> symbols) {
        List<String> depth = new ArrayList<>();
        List<String> market = new ArrayList<>();
        List<RestPoll> polls = new ArrayList<>();
        for (String s : checked(symbols)) {
            String lower = s.toLowerCase(Locale.ROOT);
            depth.add(lower + "@depth@100ms");
            depth.add(lower + "@bookTicker");
            market.add(lower + "@markPrice@1s");
            market.add(lower + "@aggTrade");
            market.add(lower + "@forceOrder");
            polls.add(new RestPoll("/fapi/v1/openInterest?symbol=" + s, 30_000));
            polls.add(new RestPoll("/fapi/v1/symbolAdlRisk?symbol=" + s, 30 * 60_000));
        }
        return new ConnectorConfig(FeedSource.BINANCE_USDM, List.of(
                new StreamConfig("public", URI.create("wss://fstream.binance.com/public/ws"),
                        List.of(binanceSubscribe(depth))),
                new StreamConfig("market", URI.create("wss://fstream.binance.com/market/ws"),
                        List.of(binanceSubscribe(market)))),
                URI.create("https://fapi.binance.com"),
                DepthResync.restSnapshot("/fapi/v1/depth?symbol={symbol}&limit=1000", 2_000), polls,
                KeepAlive.protocolOnly(60, 30_000, 23 * HOUR_MS), 10_000, Backoff.DEFAULT, CONNECT_TIMEOUT_MS,
                REST_TIMEOUT_MS, PENDING_MESSAGES_MAX);
    }

    /**
     * Binance spot, the BTCUSDT leg of the Coinbase premium: book ticker and trades on
     * {@code wss://stream.binance.com:9443/ws}; REST {@code https://api.binance.com} (depth snapshots, limit 5000, if a
     * depth stream is added to the subscription).
     */
    public static ConnectorConfig binanceSpot(List<String> symbols) {
        List<String> streams = new ArrayList<>();
        for (String s : checked(symbols)) {
            String lower = s.toLowerCase(Locale.ROOT);
            streams.add(lower + "@bookTicker");
            streams.add(lower + "@trade");
        }
        return new ConnectorConfig(FeedSource.BINANCE_SPOT, List.of(
                new StreamConfig("market", URI.create("wss://stream.binance.com:9443/ws"),
                        List.of(binanceSubscribe(streams)))),
                URI.create("https://api.binance.com"),
                DepthResync.restSnapshot("/api/v3/depth?symbol={symbol}&limit=5000", 2_000), List.of(),
                KeepAlive.protocolOnly(60, 30_000, 23 * HOUR_MS), 10_000, Backoff.DEFAULT, CONNECT_TIMEOUT_MS,
                REST_TIMEOUT_MS, PENDING_MESSAGES_MAX);
    }

    /**
     * Coinbase Exchange: {@code ticker}, {@code matches} and {@code heartbeat} (one a second per product, which keeps
     * the feed from looking stale) on {@code wss://ws-feed.exchange.coinbase.com}; the subscribe is sent at once (the
     * venue disconnects after 5 s without one). No keepalive is required; no REST.
     */
    public static ConnectorConfig coinbase(List<String> products) {
        ObjectNode sub = Json.MAPPER.createObjectNode();
        sub.put("type", "subscribe");
        ArrayNode ids = sub.putArray("product_ids");
        checked(products).forEach(ids::add);
        ArrayNode channels = sub.putArray("channels");
        channels.add("ticker").add("matches").add("heartbeat");
        return new ConnectorConfig(FeedSource.COINBASE, List.of(
                new StreamConfig("feed", URI.create("wss://ws-feed.exchange.coinbase.com"), List.of(write(sub)))),
                null, DepthResync.NONE, List.of(), KeepAlive.protocolOnly(60, 30_000, 0), 10_000, Backoff.DEFAULT,
                CONNECT_TIMEOUT_MS, REST_TIMEOUT_MS, PENDING_MESSAGES_MAX);
    }

    /**
     * Bybit v5 public linear: {@code tickers} (mark, index, funding, open interest, book top), {@code allLiquidation}
     * and {@code adlAlert.USDT} on {@code wss://stream.bybit.com/v5/public/linear}; the application ping
     * {@code {"req_id":"ping","op":"ping"}} every 20 s (Bybit drops idle connections). If an {@code orderbook.50}
     * topic is added, a book broken by a gap is resynced by unsubscribing and subscribing it again.
     */
    public static ConnectorConfig bybit(List<String> symbols) {
        List<String> args = new ArrayList<>();
        for (String s : checked(symbols)) {
            args.add("tickers." + s);
            args.add("allLiquidation." + s);
        }
        args.add("adlAlert.USDT");
        return new ConnectorConfig(FeedSource.BYBIT, List.of(
                new StreamConfig("linear", URI.create("wss://stream.bybit.com/v5/public/linear"),
                        List.of(bybitOp("subscribe", args)))),
                URI.create("https://api.bybit.com"),
                DepthResync.resubscribe("linear", List.of(
                        "{\"req_id\":\"resync\",\"op\":\"unsubscribe\",\"args\":[\"orderbook.50.{symbol}\"]}",
                        "{\"req_id\":\"resync\",\"op\":\"subscribe\",\"args\":[\"orderbook.50.{symbol}\"]}"), 2_000),
                List.of(), new KeepAlive("{\"req_id\":\"ping\",\"op\":\"ping\"}", 20_000, 0, 30_000, 0), 10_000,
                Backoff.DEFAULT, CONNECT_TIMEOUT_MS, REST_TIMEOUT_MS, PENDING_MESSAGES_MAX);
    }

    /**
     * OKX v5 public (optional): {@code funding-rate}, {@code open-interest} and {@code mark-price} per instrument and
     * {@code liquidation-orders} for all swaps on {@code wss://ws.okx.com:8443/ws/v5/public}; the text {@code ping}
     * every 18 s (OKX closes a connection after 30 s without traffic).
     */
    public static ConnectorConfig okx(List<String> instIds) {
        ObjectNode sub = Json.MAPPER.createObjectNode();
        sub.put("op", "subscribe");
        ArrayNode args = sub.putArray("args");
        for (String id : checked(instIds)) {
            for (String channel : List.of("funding-rate", "open-interest", "mark-price")) {
                args.addObject().put("channel", channel).put("instId", id);
            }
        }
        args.addObject().put("channel", "liquidation-orders").put("instType", "SWAP");
        return new ConnectorConfig(FeedSource.OKX, List.of(
                new StreamConfig("public", URI.create("wss://ws.okx.com:8443/ws/v5/public"), List.of(write(sub)))),
                URI.create("https://www.okx.com"), DepthResync.NONE, List.of(),
                new KeepAlive("ping", 18_000, 0, 60_000, 0), 30_000, Backoff.DEFAULT, CONNECT_TIMEOUT_MS,
                REST_TIMEOUT_MS, PENDING_MESSAGES_MAX);
    }

    /** The same connector with one stream's URL replaced. */
    public ConnectorConfig withStreamUrl(String streamName, URI url) {
        List<StreamConfig> out = new ArrayList<>();
        boolean found = false;
        for (StreamConfig s : streams) {
            if (s.name().equals(streamName)) {
                out.add(s.withUrl(url));
                found = true;
            } else {
                out.add(s);
            }
        }
        if (!found) {
            throw new IllegalArgumentException(source + ": no stream named " + streamName);
        }
        return new ConnectorConfig(source, out, restBaseUrl, depthResync, polls, keepAlive, staleAfterMs, backoff,
                connectTimeoutMs, restTimeoutMs, pendingMessagesMax);
    }

    public ConnectorConfig withRestBaseUrl(URI url) {
        return new ConnectorConfig(source, streams, url, depthResync, polls, keepAlive, staleAfterMs, backoff,
                connectTimeoutMs, restTimeoutMs, pendingMessagesMax);
    }

    public ConnectorConfig withPolls(List<RestPoll> newPolls) {
        return new ConnectorConfig(source, streams, restBaseUrl, depthResync, newPolls, keepAlive, staleAfterMs,
                backoff, connectTimeoutMs, restTimeoutMs, pendingMessagesMax);
    }

    public ConnectorConfig withKeepAlive(KeepAlive newKeepAlive) {
        return new ConnectorConfig(source, streams, restBaseUrl, depthResync, polls, newKeepAlive, staleAfterMs,
                backoff, connectTimeoutMs, restTimeoutMs, pendingMessagesMax);
    }

    public ConnectorConfig withTiming(long newStaleAfterMs, Backoff newBackoff) {
        return new ConnectorConfig(source, streams, restBaseUrl, depthResync, polls, keepAlive, newStaleAfterMs,
                newBackoff, connectTimeoutMs, restTimeoutMs, pendingMessagesMax);
    }

    private static List<String> checked(List<String> symbols) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("at least one symbol is needed");
        }
        for (String s : symbols) {
            if (!Fields.isSymbol(s)) {
                throw new IllegalArgumentException("not a venue symbol: " + s);
            }
        }
        return symbols;
    }

    private static String binanceSubscribe(List<String> params) {
        ObjectNode sub = Json.MAPPER.createObjectNode();
        sub.put("method", "SUBSCRIBE");
        ArrayNode p = sub.putArray("params");
        params.forEach(p::add);
        sub.put("id", 1);
        return write(sub);
    }

    private static String bybitOp(String op, List<String> args) {
        ObjectNode sub = Json.MAPPER.createObjectNode();
        sub.put("req_id", op);
        sub.put("op", op);
        ArrayNode a = sub.putArray("args");
        args.forEach(a::add);
        return write(sub);
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
