package aftershock.feeds.live;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.FeedStatus;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.record.RecordingWriter;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The live connectors against real local servers (127.0.0.1, ports chosen by the OS): a WebSocket venue that sees the
 * subscriptions and pushes native messages written from the venues' documentation, and a REST venue for snapshots
 * and polls. Time is a hand-moved clock; every wait is bounded by a few seconds.
 */
class LiveConnectorTest {
    private static final Backoff FAST = new Backoff(20, 200, 20);
    private static final long T0 = 1_700_000_000_000L;

    private final AtomicLong nowMs = new AtomicLong(T0);
    private final LiveClock clock = nowMs::get;
    private final FeedHealth health = new FeedHealth();
    private final BlockingQueue<MarketEvent> events = new LinkedBlockingQueue<>();
    private final List<MarketEvent> backlog = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private LocalVenue venue() throws InterruptedException {
        LocalVenue v = LocalVenue.start("venue");
        toClose.add(v);
        return v;
    }

    private LocalRest rest(java.util.function.Function<String, String> answer) throws IOException {
        LocalRest r = new LocalRest(answer);
        toClose.add(r);
        return r;
    }

    private LiveFeeds.Handle start(ConnectorConfig config, Optional<RecordingWriter> recorder) {
        LiveFeeds.Handle h = LiveFeeds.start(List.of(config), events::add, health, recorder, clock, Jitter.seeded(1));
        toClose.add(h);
        return h;
    }

    /** The first event of this kind not taken yet, in arrival order (events of other kinds are kept for later). */
    private MarketEvent nextEvent(MarketEvent.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LocalVenue.WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < backlog.size(); i++) {
                if (backlog.get(i).kind() == kind) {
                    return backlog.remove(i);
                }
            }
            MarketEvent e = events.poll(10, TimeUnit.MILLISECONDS);
            if (e != null) {
                backlog.add(e);
            }
        }
        return fail("no " + kind + " event within " + LocalVenue.WAIT_SECONDS + " s");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LocalVenue.WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + LocalVenue.WAIT_SECONDS + " s: " + what);
            }
            Thread.sleep(2);
        }
    }

    private static ConnectorConfig binanceUsdmAt(LocalVenue venue, URI rest) {
        return ConnectorConfig.binanceUsdm(List.of("BTCUSDT"))
                .withStreamUrl("public", venue.url("/public/ws"))
                .withStreamUrl("market", venue.url("/market/ws"))
                .withRestBaseUrl(rest)
                .withPolls(List.of())
                .withKeepAlive(KeepAlive.protocolOnly(0, 0, 0))
                .withTiming(10_000, FAST);
    }

    private static ConnectorConfig coinbaseAt(LocalVenue venue, KeepAlive keepAlive, long staleAfterMs) {
        return ConnectorConfig.coinbase(List.of("BTC-USD"))
                .withStreamUrl("feed", venue.url("/"))
                .withKeepAlive(keepAlive)
                .withTiming(staleAfterMs, FAST);
    }

    private static String match(long tradeId, long sequence, String price) {
        return "{\"type\":\"match\",\"trade_id\":" + tradeId + ",\"maker_order_id\":\"m\",\"taker_order_id\":\"t\","
                + "\"side\":\"sell\",\"size\":\"0.5\",\"price\":\"" + price + "\",\"product_id\":\"BTC-USD\","
                + "\"sequence\":" + sequence + ",\"time\":\"2025-11-03T10:00:00.000000Z\"}";
    }

    private static String depthDiff(long first, long last, long previous, String bidPrice, String bidQty) {
        return "{\"e\":\"depthUpdate\",\"E\":1762164000000,\"T\":1762164000000,\"s\":\"BTCUSDT\",\"U\":" + first
                + ",\"u\":" + last + ",\"pu\":" + previous + ",\"b\":[[\"" + bidPrice + "\",\"" + bidQty + "\"]],"
                + "\"a\":[]}";
    }

    private static String depthSnapshot(long lastUpdateId) {
        return "{\"lastUpdateId\":" + lastUpdateId + ",\"E\":1762164000000,\"T\":1762164000000,"
                + "\"bids\":[[\"108000.0\",\"1.0\"]],\"asks\":[[\"108001.0\",\"2.0\"]]}";
    }

    @Test
    void subscribesOnEachStreamClassAndTurnsNativeMessagesIntoRecordedEvents() throws Exception {
        LocalVenue venue = venue();
        LocalRest rest = rest(r -> r.startsWith("/fapi/v1/openInterest")
                ? "{\"openInterest\":\"10659.509\",\"symbol\":\"BTCUSDT\",\"time\":1762164000000}" : null);
        StringWriter recording = new StringWriter();
        RecordingWriter recorder = new RecordingWriter(recording);
        ConnectorConfig config = binanceUsdmAt(venue, rest.url())
                .withPolls(List.of(new RestPoll("/fapi/v1/openInterest?symbol=BTCUSDT", 60_000)));
        LiveFeeds.Handle feeds = start(config, Optional.of(recorder));

        List<LocalVenue.Received> subscriptions = List.of(venue.next(), venue.next());
        LocalVenue.Received market = subscriptions.stream().filter(r -> r.path().equals("/market/ws")).findFirst()
                .orElseThrow(() -> new AssertionError("no subscription on /market/ws: " + subscriptions));
        LocalVenue.Received depth = subscriptions.stream().filter(r -> r.path().equals("/public/ws")).findFirst()
                .orElseThrow(() -> new AssertionError("no subscription on /public/ws: " + subscriptions));
        assertEquals("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@markPrice@1s\",\"btcusdt@aggTrade\","
                + "\"btcusdt@forceOrder\"],\"id\":1}", market.text());
        assertEquals("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@depth@100ms\",\"btcusdt@bookTicker\"],"
                + "\"id\":1}", depth.text());

        market.connection().send("{\"result\":null,\"id\":1}");
        nowMs.set(T0 + 5);
        String mark = "{\"e\":\"markPriceUpdate\",\"E\":1762164000000,\"s\":\"BTCUSDT\",\"p\":\"108000.50\","
                + "\"i\":\"107990.10\",\"P\":\"107990.00\",\"r\":\"0.00010000\",\"T\":1762185600000}";
        market.connection().send(mark);
        MarketEvent.MarkFunding m = (MarketEvent.MarkFunding) nextEvent(MarketEvent.Kind.MARK_FUNDING);
        assertEquals(new MarketEvent.MarkFunding(FeedSource.BINANCE_USDM, "BTCUSDT", 1762164000000L, T0 + 5,
                DecimalE8.parse("108000.50"), DecimalE8.parse("107990.10"), DecimalE8.parse("0.0001"),
                1762185600000L), m);
        MarketEvent.OpenInterest oi = (MarketEvent.OpenInterest) nextEvent(MarketEvent.Kind.OPEN_INTEREST);
        assertEquals(DecimalE8.parse("10659.509"), oi.openInterestQtyE8());
        assertEquals(FeedStatus.OK, health.status(FeedSource.BINANCE_USDM, nowMs.get()));
        assertEquals(1, health.ignoredCount(FeedSource.BINANCE_USDM, "subscription-ack"));

        feeds.close();
        assertEquals(1000, venue.closeCodes.poll(LocalVenue.WAIT_SECONDS, TimeUnit.SECONDS), "a clean close frame");
        String lines = recording.toString();
        assertTrue(lines.contains("{\"ts\":" + (T0 + 5) + ",\"source\":\"binance-usdm\",\"msg\":" + mark + "}"),
                lines);
        assertTrue(lines.contains("\"request\":\"/fapi/v1/openInterest?symbol=BTCUSDT\""), lines);
        assertEquals(FeedStatus.DOWN, health.status(FeedSource.BINANCE_USDM, nowMs.get()), "closed: down");
    }

    @Test
    void whenTheVenueDropsTheConnectionTheConnectorReconnectsAndSubscribesAgain() throws Exception {
        LocalVenue venue = venue();
        LiveFeeds.Handle feeds = start(coinbaseAt(venue, KeepAlive.protocolOnly(0, 0, 0), 10_000),
                Optional.empty());
        LocalVenue.Received first = venue.next();
        assertEquals("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],"
                + "\"channels\":[\"ticker\",\"matches\",\"heartbeat\"]}", first.text());
        first.connection().send(match(1, 10, "108000.00"));
        nextEvent(MarketEvent.Kind.TRADE);

        first.connection().closeConnection(1006, "venue restart");
        LocalVenue.Received again = venue.next();
        assertEquals(first.text(), again.text(), "the same subscription on the new connection");
        assertTrue(again.connection() != first.connection());
        again.connection().send(match(2, 11, "107990.00"));
        MarketEvent.Trade t = (MarketEvent.Trade) nextEvent(MarketEvent.Kind.TRADE);
        assertEquals("2", t.tradeId());
        assertTrue(feeds.connector(FeedSource.COINBASE).reconnects() >= 1);
        assertEquals(2, feeds.connector(FeedSource.COINBASE).opens());
        assertEquals(1, health.issueCount(FeedSource.COINBASE, "connection-closed"));
        assertEquals(FeedStatus.OK, health.status(FeedSource.COINBASE, nowMs.get()));
    }

    @Test
    void aDepthSequenceGapFetchesANewRestSnapshotAndTheBookResyncs() throws Exception {
        LocalVenue venue = venue();
        BlockingQueue<String> snapshots = new LinkedBlockingQueue<>(List.of(depthSnapshot(100), depthSnapshot(205)));
        LocalRest rest = rest(r -> r.equals("/fapi/v1/depth?symbol=BTCUSDT&limit=1000") ? snapshots.poll() : null);
        LiveFeeds.Handle feeds = start(binanceUsdmAt(venue, rest.url()), Optional.empty());
        LocalVenue.Received sub = venue.nextContaining("depth");
        WebSocket depth = sub.connection();

        // Buffered until the snapshot (lastUpdateId 100) arrives; it straddles 100, so it is the first applied.
        depth.send(depthDiff(95, 105, 94, "108000.0", "3.0"));
        MarketEvent.BookDepth b = (MarketEvent.BookDepth) nextEvent(MarketEvent.Kind.BOOK_DEPTH);
        assertEquals(105, b.updateId());
        assertEquals(DecimalE8.parse("3.0"), b.bids().get(0).qtyE8());
        depth.send(depthDiff(106, 110, 105, "107999.0", "1.5"));
        assertEquals(110, ((MarketEvent.BookDepth) nextEvent(MarketEvent.Kind.BOOK_DEPTH)).updateId());

        // pu 199 != 110: a gap. The book is discarded, a new snapshot (205) is fetched and joined to this diff.
        nowMs.addAndGet(5_000);
        depth.send(depthDiff(200, 210, 199, "108000.0", "7.0"));
        MarketEvent.BookDepth resynced = (MarketEvent.BookDepth) nextEvent(MarketEvent.Kind.BOOK_DEPTH);
        assertEquals(210, resynced.updateId());
        assertEquals(DecimalE8.parse("7.0"), resynced.bids().get(0).qtyE8());
        assertEquals(1, resynced.bids().size(), "the old book's 107999 level is gone with it");
        depth.send(depthDiff(211, 215, 210, "108000.0", "6.0"));
        assertEquals(215, ((MarketEvent.BookDepth) nextEvent(MarketEvent.Kind.BOOK_DEPTH)).updateId());

        assertEquals(2, rest.count("/fapi/v1/depth"));
        assertEquals(2, feeds.connector(FeedSource.BINANCE_USDM).snapshotRequests());
        assertEquals(1, health.issueCount(FeedSource.BINANCE_USDM, "sequence-gap"));
    }

    @Test
    void bybitGetsItsApplicationPingAndThePongIsNotAnIssue() throws Exception {
        LocalVenue venue = venue();
        venue.replyWith((conn, msg) -> {
            if (msg.contains("\"op\":\"ping\"")) {
                conn.send("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c1\",\"op\":\"ping\"}");
            } else if (msg.contains("\"op\":\"subscribe\"")) {
                conn.send("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c1\",\"req_id\":\"subscribe\","
                        + "\"op\":\"subscribe\"}");
            }
        });
        ConnectorConfig config = ConnectorConfig.bybit(List.of("BTCUSDT"))
                .withStreamUrl("linear", venue.url("/v5/public/linear"))
                .withKeepAlive(new KeepAlive("{\"req_id\":\"ping\",\"op\":\"ping\"}", 30, 0, 0, 0))
                .withTiming(10_000, FAST);
        start(config, Optional.empty());
        assertEquals("{\"req_id\":\"subscribe\",\"op\":\"subscribe\",\"args\":[\"tickers.BTCUSDT\","
                + "\"allLiquidation.BTCUSDT\",\"adlAlert.USDT\"]}", venue.next().text());
        assertEquals("{\"req_id\":\"ping\",\"op\":\"ping\"}", venue.next().text());
        await(() -> health.ignoredCount(FeedSource.BYBIT, "pong") >= 1, "the pong was read");
        assertEquals(1, health.ignoredCount(FeedSource.BYBIT, "subscription-ack"));
        assertEquals(0, health.issueTotal(FeedSource.BYBIT), health.issues(FeedSource.BYBIT).toString());
    }

    @Test
    void okxGetsTheTextPingAndTheTextPongIsNotAnIssue() throws Exception {
        LocalVenue venue = venue();
        venue.replyWith((conn, msg) -> {
            if (msg.equals("ping")) {
                conn.send("pong");
            }
        });
        ConnectorConfig config = ConnectorConfig.okx(List.of("BTC-USDT-SWAP"))
                .withStreamUrl("public", venue.url("/ws/v5/public"))
                .withKeepAlive(new KeepAlive("ping", 30, 0, 0, 0))
                .withTiming(10_000, FAST);
        start(config, Optional.empty());
        assertTrue(venue.next().text().startsWith("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"funding-rate\","
                + "\"instId\":\"BTC-USDT-SWAP\"}"));
        assertEquals("ping", venue.next().text());
        await(() -> health.ignoredCount(FeedSource.OKX, "pong") >= 1, "the pong was read");
        assertEquals(0, health.issueTotal(FeedSource.OKX), health.issues(FeedSource.OKX).toString());
    }

    @Test
    void aProtocolPingFromTheVenueIsAnsweredByTheWebSocketLibrary() throws Exception {
        LocalVenue venue = venue();
        start(ConnectorConfig.binanceSpot(List.of("BTCUSDT")).withStreamUrl("market", venue.url("/ws"))
                .withKeepAlive(KeepAlive.protocolOnly(0, 0, 0)).withTiming(10_000, FAST), Optional.empty());
        WebSocket conn = venue.next().connection();
        conn.sendPing();
        assertNotNull(venue.pongs.poll(LocalVenue.WAIT_SECONDS, TimeUnit.SECONDS), "Binance's ping frame answered");
    }

    @Test
    void malformedAndUnknownMessagesAreCountedWithTheirTextAndTheFeedGoesOn() throws Exception {
        LocalVenue venue = venue();
        start(ConnectorConfig.binanceSpot(List.of("BTCUSDT")).withStreamUrl("market", venue.url("/ws"))
                .withKeepAlive(KeepAlive.protocolOnly(0, 0, 0)).withTiming(10_000, FAST), Optional.empty());
        WebSocket conn = venue.next().connection();
        conn.send("not json {");
        conn.send("{\"e\":\"mystery\",\"E\":1762164000000}");
        conn.send("{\"u\":400900217,\"s\":\"BTCUSDT\",\"b\":\"108000.10\",\"B\":\"31.21\",\"a\":\"108000.11\","
                + "\"A\":\"40.66\"}");
        MarketEvent.BookTop top = (MarketEvent.BookTop) nextEvent(MarketEvent.Kind.BOOK_TOP);
        assertEquals(DecimalE8.parse("108000.10"), top.bidPriceE8());
        assertEquals(1, health.issueCount(FeedSource.BINANCE_SPOT, "malformed-json"));
        assertEquals(1, health.issueCount(FeedSource.BINANCE_SPOT, "unknown-event"));
        assertEquals("not json {", health.recentIssues(FeedSource.BINANCE_SPOT).get(0).raw());
        assertEquals(0, health.issueCount(FeedSource.BINANCE_SPOT, "connection-closed"), "still connected");
    }

    @Test
    void aSilentFeedBecomesStaleAndItsSilentConnectionIsReplaced() throws Exception {
        LocalVenue venue = venue();
        LiveFeeds.Handle feeds = start(coinbaseAt(venue, KeepAlive.protocolOnly(0, 5_000, 0), 1_000),
                Optional.empty());
        LocalVenue.Received first = venue.next();
        first.connection().send(match(1, 10, "108000.00"));
        nextEvent(MarketEvent.Kind.TRADE);
        assertEquals(FeedStatus.OK, health.status(FeedSource.COINBASE, T0 + 1_000));

        nowMs.set(T0 + 1_500);
        assertEquals(FeedStatus.STALE, health.status(FeedSource.COINBASE, nowMs.get()), "silent past 1 s");

        nowMs.set(T0 + 6_000);
        LocalVenue.Received again = venue.next();
        assertEquals(first.text(), again.text(), "silent 6 s > 5 s: a new connection, subscribed again");
        assertEquals(1, health.issueCount(FeedSource.COINBASE, "silent-connection"));
        again.connection().send(match(2, 11, "108000.00"));
        nextEvent(MarketEvent.Kind.TRADE);
        assertEquals(FeedStatus.OK, health.status(FeedSource.COINBASE, nowMs.get()));
        assertEquals(2, feeds.connector(FeedSource.COINBASE).opens());
    }

    @Test
    void aVenueThatCannotBeReachedIsDownAndRetriedWithBackoffWithoutThrowing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        LiveFeeds.Handle feeds = start(ConnectorConfig.coinbase(List.of("BTC-USD"))
                .withStreamUrl("feed", URI.create("ws://127.0.0.1:" + port + "/"))
                .withKeepAlive(KeepAlive.protocolOnly(0, 0, 0)).withTiming(1_000, FAST), Optional.empty());
        await(() -> feeds.connector(FeedSource.COINBASE).reconnects() >= 3, "three reconnects scheduled");
        assertEquals(FeedStatus.DOWN, health.status(FeedSource.COINBASE, nowMs.get()));
        assertEquals(0, feeds.connector(FeedSource.COINBASE).opens());
        assertTrue(health.issueCount(FeedSource.COINBASE, "connection-closed") >= 3);
        feeds.close();
    }

    @Test
    void anExceptionInTheConsumerIsCountedAndDoesNotStopTheFeed() throws Exception {
        LocalVenue venue = venue();
        List<MarketEvent> seen = new ArrayList<>();
        LiveFeeds.Handle h = LiveFeeds.start(List.of(coinbaseAt(venue, KeepAlive.protocolOnly(0, 0, 0), 10_000)),
                e -> {
                    seen.add(e);
                    events.add(e);
                    if (seen.size() == 1) {
                        throw new IllegalStateException("consumer bug");
                    }
                }, health, Optional.empty(), clock, Jitter.seeded(1));
        toClose.add(h);
        WebSocket conn = venue.next().connection();
        conn.send(match(1, 10, "108000.00"));
        conn.send(match(2, 11, "108000.00"));
        nextEvent(MarketEvent.Kind.TRADE);
        nextEvent(MarketEvent.Kind.TRADE);
        assertEquals(1, health.issueCount(FeedSource.COINBASE, "consumer-error"));
    }
}
