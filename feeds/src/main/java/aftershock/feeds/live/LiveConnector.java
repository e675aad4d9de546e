package aftershock.feeds.live;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedParser;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.record.RecordingWriter;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One venue's live feed: its WebSocket connections, REST snapshots and polls, all handed to the venue's
 * {@link FeedParser} and on to the consumer as {@link MarketEvent}s.
 *
 * <p>Every piece of state is touched only on the feeds thread ({@code loop}, one thread shared by all connectors):
 * the WebSocket library's reader threads and the HTTP client only stamp the receive time and post. So the parser is
 * used from one thread, recordings are in processing order, and the consumer is called from one thread.
 *
 * <p>Robustness, as feeds.md's checklist asks: subscribe on every open (the subscription set is desired state);
 * reconnect after any close or failure with exponential backoff and jitter ({@link Backoff}); the venue's keepalive
 * ({@link KeepAlive}); a REST depth snapshot (or a resubscription) whenever the parser reports a book that needs one,
 * at start and after a sequence gap; {@code FeedHealth} told when a connection is down
 * ({@link FeedHealth#linkDown}) and watching the source for staleness; a silent connection replaced. Nothing thrown
 * inside reaches the caller: failures are counted as issues of the source in its {@code FeedHealth}
 * ({@code connection-closed}, {@code connection-error}, {@code rest-failed}, {@code rest-http-error},
 * {@code consumer-error}, {@code internal-error}, ...).
 */
public final class LiveConnector {
    /** Watchdog period bounds: often enough to notice silence, rarely enough to cost nothing. */
    private static final long WATCHDOG_MS_MIN = 20;
    private static final long WATCHDOG_MS_MAX = 1_000;
    /** How long a venue that answered 429/418 without Retry-After is left alone (feeds.md 8). */
    private static final long REST_BACKOFF_DEFAULT_MS = 60_000;
    private static final int CLOSE_NORMAL = 1000;
    private static final int CLOSE_GOING_AWAY = 1001;

    private final ConnectorConfig config;
    private final FeedSource source;
    private final FeedParser parser;
    private final Consumer<MarketEvent> sink;
    private final FeedHealth health;
    private final RecordingWriter recorder;
    private final LiveClock clock;
    private final Jitter jitter;
    private final ScheduledExecutorService loop;
    private final HttpClient http;
    private final List<Connection> connections = new ArrayList<>();
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private final TreeMap<String, Long> resyncRequestedAtMs = new TreeMap<>();
    private final Set<String> snapshotsInFlight = new HashSet<>();
    private final Set<String> pollsInFlight = new HashSet<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong opens = new AtomicLong();
    private final AtomicLong reconnectsScheduled = new AtomicLong();
    private final AtomicLong snapshotRequests = new AtomicLong();
    private final AtomicLong restRequests = new AtomicLong();
    private long restBlockedUntilMs = Long.MIN_VALUE;
    private volatile boolean closed;

    /** One WebSocket connection and its reconnect state (feeds thread only, but for the latch). */
    private final class Connection {
        final StreamConfig stream;
        int generation;
        WebSocketClient client;
        boolean open;
        boolean reportedDown;
        int attempt;
        long openedAtMs;
        long lastReceivedMs;
        ScheduledFuture<?> pingTask;
        volatile CountDownLatch closedLatch = new CountDownLatch(0);

        Connection(StreamConfig stream) {
            this.stream = stream;
        }
    }

    /**
     * @param recorder where raw messages and REST responses are written ({@code --record}), or empty
     * @param loop     the feeds thread: a single-threaded scheduler (shared by the connectors of one {@link LiveFeeds})
     */
    public LiveConnector(ConnectorConfig config, FeedParser parser, Consumer<MarketEvent> sink, FeedHealth health,
                         Optional<RecordingWriter> recorder, LiveClock clock, Jitter jitter,
                         ScheduledExecutorService loop, HttpClient http) {
        if (parser.source() != config.source()) {
            throw new IllegalArgumentException("parser of " + parser.source() + " for connector " + config.source());
        }
        this.config = config;
        this.source = config.source();
        this.parser = parser;
        this.sink = sink;
        this.health = health;
        this.recorder = recorder.orElse(null);
        this.clock = clock;
        this.jitter = jitter;
        this.loop = loop;
        this.http = http;
        for (StreamConfig s : config.streams()) {
            connections.add(new Connection(s));
        }
    }

    public ConnectorConfig config() {
        return config;
    }

    /** Connections opened so far (the first and every reconnect). */
    public long opens() {
        return opens.get();
    }

    /** Reconnects scheduled so far (after a close, a failure, silence or age). */
    public long reconnects() {
        return reconnectsScheduled.get();
    }

    /** REST depth snapshots requested so far. */
    public long snapshotRequests() {
        return snapshotRequests.get();
    }

    /** Connects every stream, watches the source for staleness and starts the polls. Returns at once. */
    public void start() {
        post(() -> {
            long now = clock.nowMs();
            health.staleAfter(source, config.staleAfterMs(), now);
            for (Connection c : connections) {
                health.linkDown(source);
                c.reportedDown = true;
                connect(c);
            }
            long watchdogMs = Math.max(WATCHDOG_MS_MIN, Math.min(WATCHDOG_MS_MAX, config.staleAfterMs() / 4));
            tasks.add(loop.scheduleWithFixedDelay(guard(this::watchdog), watchdogMs, watchdogMs,
                    TimeUnit.MILLISECONDS));
            for (RestPoll p : config.polls()) {
                tasks.add(loop.scheduleWithFixedDelay(guard(() -> poll(p)), 0, p.intervalMs(),
                        TimeUnit.MILLISECONDS));
            }
        });
    }

    /**
     * Stops: no more reconnects, polls or events; each connection is closed with a close frame. Runs on the feeds
     * thread; returns the latches to wait on for the closes to complete.
     */
    List<CountDownLatch> stop() {
        closed = true;
        List<CountDownLatch> latches = new ArrayList<>();
        for (ScheduledFuture<?> t : tasks) {
            t.cancel(false);
        }
        tasks.clear();
        for (Connection c : connections) {
            if (c.pingTask != null) {
                c.pingTask.cancel(false);
            }
            if (c.client != null) {
                c.generation++;
                try {
                    c.client.close(CLOSE_NORMAL, "client shutdown");
                } catch (RuntimeException e) {
                    health.issue(source, clock.nowMs(), "internal-error", e.toString());
                }
                latches.add(c.closedLatch);
            }
            if (!c.reportedDown) {
                health.linkDown(source);
                c.reportedDown = true;
            }
        }
        return latches;
    }

    /** After a stop whose closes did not complete in time: drop the sockets. */
    void abort() {
        for (Connection c : connections) {
            WebSocketClient client = c.client;
            if (client != null && !client.isClosed()) {
                try {
                    client.closeConnection(CLOSE_GOING_AWAY, "client shutdown");
                } catch (RuntimeException e) {
                    // Already closing: nothing left to do.
                }
            }
        }
    }

    private void connect(Connection c) {
        if (closed) {
            return;
        }
        int generation = ++c.generation;
        c.open = false;
        c.closedLatch = new CountDownLatch(1);
        Client client = new Client(c, generation, c.stream.url(), (int) config.connectTimeoutMs(), c.closedLatch);
        client.setConnectionLostTimeout(config.keepAlive().protocolPingSeconds());
        client.setDaemon(true);
        c.client = client;
        try {
            client.connect();
        } catch (RuntimeException e) {
            c.closedLatch.countDown();
            health.issue(source, clock.nowMs(), "connect-failed", c.stream.name() + ": " + e);
            reconnectLater(c);
        }
    }

    private void onOpen(Connection c, int generation) {
        if (closed || generation != c.generation) {
            return;
        }
        c.open = true;
        long now = clock.nowMs();
        c.openedAtMs = now;
        c.lastReceivedMs = now;
        opens.incrementAndGet();
        if (c.reportedDown) {
            health.linkUp(source);
            c.reportedDown = false;
        }
        for (String m : c.stream.subscribeMessages()) {
            send(c, m);
        }
        KeepAlive k = config.keepAlive();
        if (k.pingText() != null) {
            c.pingTask = loop.scheduleWithFixedDelay(guard(() -> {
                if (!closed && c.open && c.generation == generation) {
                    send(c, k.pingText());
                }
            }), k.pingIntervalMs(), k.pingIntervalMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void onText(Connection c, int generation, long receiveTsMs, String text) {
        pending.decrementAndGet();
        if (closed || generation != c.generation) {
            return;
        }
        c.lastReceivedMs = Math.max(c.lastReceivedMs, receiveTsMs);
        // A connection that delivers is a good one: the next drop starts the backoff again from its minimum.
        c.attempt = 0;
        record(receiveTsMs, null, text);
        deliver(receiveTsMs, parser.parse(receiveTsMs, text));
        resyncBooks(receiveTsMs);
    }

    private void onClosed(Connection c, int generation, int code, String reason, boolean remote) {
        if (generation != c.generation) {
            return;
        }
        c.open = false;
        if (c.pingTask != null) {
            c.pingTask.cancel(false);
            c.pingTask = null;
        }
        if (closed) {
            return;
        }
        if (!c.reportedDown) {
            health.linkDown(source);
            c.reportedDown = true;
        }
        health.issue(source, clock.nowMs(), "connection-closed", c.stream.name() + ": code=" + code
                + (remote ? " by venue" : "") + (reason == null || reason.isEmpty() ? "" : " reason=" + reason));
        reconnectLater(c);
    }

    private void reconnectLater(Connection c) {
        if (closed) {
            return;
        }
        long delayMs = config.backoff().delayMs(c.attempt, jitter);
        if (c.attempt < 30) {
            c.attempt++;
        }
        reconnectsScheduled.incrementAndGet();
        int generation = c.generation;
        loop.schedule(guard(() -> {
            if (generation == c.generation) {
                connect(c);
            }
        }), delayMs, TimeUnit.MILLISECONDS);
    }

    private void send(Connection c, String text) {
        try {
            c.client.send(text);
        } catch (RuntimeException e) {
            // Closed under our feet: the close callback reconnects.
            health.issue(source, clock.nowMs(), "send-failed", c.stream.name() + ": " + e);
        }
    }

    /** Silence and age: replace a connection that delivers nothing or is due to be dropped by the venue. */
    private void watchdog() {
        long now = clock.nowMs();
        KeepAlive k = config.keepAlive();
        for (Connection c : connections) {
            if (!c.open) {
                continue;
            }
            if (k.reconnectAfterSilenceMs() > 0 && now - c.lastReceivedMs > k.reconnectAfterSilenceMs()) {
                health.issue(source, now, "silent-connection", c.stream.name() + ": nothing for "
                        + (now - c.lastReceivedMs) + " ms");
                drop(c);
            } else if (k.maxConnectionAgeMs() > 0 && now - c.openedAtMs > k.maxConnectionAgeMs()) {
                health.ignored(source, "planned-reconnect");
                c.attempt = 0;
                drop(c);
            }
        }
        resyncBooks(now);
    }

    private void drop(Connection c) {
        c.open = false;
        try {
            c.client.closeConnection(CLOSE_GOING_AWAY, "reconnecting");
        } catch (RuntimeException e) {
            health.issue(source, clock.nowMs(), "internal-error", e.toString());
        }
    }

    /** Asks for a snapshot of every book the parser reports as broken, at most once per retryMinMs per symbol. */
    private void resyncBooks(long now) {
        DepthResync r = config.depthResync();
        if (r.mode() == DepthResync.Mode.NONE || closed) {
            return;
        }
        SortedSet<String> symbols = parser.symbolsNeedingSnapshot();
        for (String symbol : symbols) {
            if (snapshotsInFlight.contains(symbol)) {
                continue;
            }
            Long last = resyncRequestedAtMs.get(symbol);
            if (last != null && now - last < r.retryMinMs()) {
                continue;
            }
            resyncRequestedAtMs.put(symbol, now);
            switch (r.mode()) {
                case REST_SNAPSHOT -> {
                    if (now >= restBlockedUntilMs) {
                        snapshotsInFlight.add(symbol);
                        snapshotRequests.incrementAndGet();
                        String request = r.snapshotRequestFor(symbol);
                        get(request, () -> snapshotsInFlight.remove(symbol));
                    }
                }
                case RESUBSCRIBE -> {
                    for (Connection c : connections) {
                        if (c.open && c.stream.name().equals(r.stream())) {
                            for (String m : r.resubscribeMessages()) {
                                send(c, m.replace("{symbol}", symbol));
                            }
                        }
                    }
                }
                case NONE -> {
                }
            }
        }
    }

    private void poll(RestPoll p) {
        if (closed || pollsInFlight.contains(p.request()) || clock.nowMs() < restBlockedUntilMs) {
            return;
        }
        pollsInFlight.add(p.request());
        get(p.request(), () -> pollsInFlight.remove(p.request()));
    }

    /** GETs {@code request} from the REST base; the response is handled on the feeds thread. */
    private void get(String request, Runnable done) {
        HttpRequest httpRequest;
        try {
            httpRequest = HttpRequest.newBuilder(URI.create(config.restBaseUrl().toString() + request))
                    .timeout(Duration.ofMillis(config.restTimeoutMs())).GET().build();
        } catch (IllegalArgumentException e) {
            done.run();
            health.issue(source, clock.nowMs(), "rest-failed", request + ": " + e);
            return;
        }
        restRequests.incrementAndGet();
        http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long receiveTsMs = clock.nowMs();
            post(() -> {
                done.run();
                onResponse(request, receiveTsMs, response, error);
            });
        });
    }

    private void onResponse(String request, long receiveTsMs, HttpResponse<String> response, Throwable error) {
        if (closed) {
            return;
        }
        if (error != null) {
            health.issue(source, receiveTsMs, "rest-failed", request + ": " + error);
            return;
        }
        int status = response.statusCode();
        if (status == 429 || status == 418) {
            // Rate limited (429) or banned (418): stop every request to the venue for Retry-After (feeds.md 8).
            long waitMs = response.headers().firstValueAsLong("Retry-After").orElse(-1);
            restBlockedUntilMs = receiveTsMs + (waitMs > 0 ? waitMs * 1000 : REST_BACKOFF_DEFAULT_MS);
            health.issue(source, receiveTsMs, "rest-rate-limited", request + ": HTTP " + status);
            return;
        }
        if (status != 200) {
            health.issue(source, receiveTsMs, "rest-http-error", request + ": HTTP " + status + " " + response.body());
            return;
        }
        record(receiveTsMs, request, response.body());
        deliver(receiveTsMs, parser.parseResponse(receiveTsMs, request, response.body()));
        resyncBooks(receiveTsMs);
    }

    private void record(long receiveTsMs, String request, String raw) {
        if (recorder == null) {
            return;
        }
        try {
            if (request == null) {
                recorder.write(receiveTsMs, source, raw);
            } else {
                recorder.writeResponse(receiveTsMs, source, request, raw);
            }
        } catch (IOException | RuntimeException e) {
            health.issue(source, receiveTsMs, "record-failed", e.toString());
        }
    }

    private void deliver(long receiveTsMs, List<MarketEvent> events) {
        for (MarketEvent e : events) {
            try {
                sink.accept(e);
            } catch (RuntimeException ex) {
                health.issue(source, receiveTsMs, "consumer-error", ex + " on " + e.toLogLine());
            }
        }
    }

    /** Runs on the feeds thread; nothing thrown there escapes (a throwing periodic task would silently stop). */
    private Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                health.issue(source, clock.nowMs(), "internal-error", e.toString());
            }
        };
    }

    private void post(Runnable r) {
        try {
            loop.execute(guard(r));
        } catch (RejectedExecutionException e) {
            // Shut down: the message arrived after close.
        }
    }

    /** The library's client for one attempt: its callbacks run on its own threads and only post to the feeds thread. */
    private final class Client extends WebSocketClient {
        private final Connection connection;
        private final int generation;
        private final CountDownLatch closedLatch;

        Client(Connection connection, int generation, URI url, int connectTimeoutMs, CountDownLatch closedLatch) {
            super(url, new org.java_websocket.drafts.Draft_6455(), null, connectTimeoutMs);
            this.connection = connection;
            this.generation = generation;
            this.closedLatch = closedLatch;
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            post(() -> LiveConnector.this.onOpen(connection, generation));
        }

        @Override
        public void onMessage(String message) {
            long receiveTsMs = clock.nowMs();
            if (pending.incrementAndGet() > config.pendingMessagesMax()) {
                pending.decrementAndGet();
                health.issue(source, receiveTsMs, "receive-backlog", message);
                return;
            }
            try {
                loop.execute(guard(() -> onText(connection, generation, receiveTsMs, message)));
            } catch (RejectedExecutionException e) {
                pending.decrementAndGet();
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            // The venues' JSON streams are text; a binary frame is unexpected.
            health.issue(source, clock.nowMs(), "binary-message", bytes.remaining() + " bytes");
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closedLatch.countDown();
            post(() -> onClosed(connection, generation, code, reason, remote));
        }

        @Override
        public void onError(Exception ex) {
            health.issue(source, clock.nowMs(), "connection-error", connection.stream.name() + ": " + ex);
        }
    }
}
