package aftershock.feeds.live;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.record.RecordingWriter;
import aftershock.feeds.record.SourceParsers;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The live monitor's entry point: starts one {@link LiveConnector} per configuration on a single feeds thread, so the
 * consumer receives every venue's {@link MarketEvent}s in one order, from one thread ({@code aftershock-feeds}),
 * never concurrently. Raw messages and REST responses go to the recording if one is given ({@code --record}).
 *
 * <pre>{@code
 * FeedHealth health = new FeedHealth();
 * try (LiveFeeds.Handle feeds = LiveFeeds.start(List.of(ConnectorConfig.binanceUsdm(List.of("BTCUSDT")),
 *         ConnectorConfig.coinbase(List.of("BTC-USD"))), session, health, Optional.empty(), LiveClock.SYSTEM)) {
 *     ... // health.status(source, now) is OK, STALE or DOWN
 * }
 * }</pre>
 */
public final class LiveFeeds {
    /** Seed of the reconnect jitter when none is given. */
    public static final long JITTER_SEED_DEFAULT = 7;
    /** How long {@link Handle#close()} waits for the close handshakes before dropping the sockets. */
    private static final long CLOSE_WAIT_MS = 2_000;

    private LiveFeeds() {
    }

    /** The running connectors; {@link #close()} stops them all (idempotent). */
    public static final class Handle implements AutoCloseable {
        private final List<LiveConnector> connectors;
        private final ScheduledExecutorService loop;
        private final ExecutorService httpExecutor;
        private boolean closed;

        private Handle(List<LiveConnector> connectors, ScheduledExecutorService loop, ExecutorService httpExecutor) {
            this.connectors = List.copyOf(connectors);
            this.loop = loop;
            this.httpExecutor = httpExecutor;
        }

        public List<LiveConnector> connectors() {
            return connectors;
        }

        /** The connector of a source. */
        public LiveConnector connector(FeedSource source) {
            for (LiveConnector c : connectors) {
                if (c.config().source() == source) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no connector for " + source);
        }

        /**
         * Stops every connector (close frames sent, reconnects and polls cancelled), waits a bounded time for the
         * connections to close, then stops the feeds thread. No event is delivered after it returns. Never throws.
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            List<CountDownLatch> latches = new ArrayList<>();
            try {
                loop.submit(() -> {
                    for (LiveConnector c : connectors) {
                        latches.addAll(c.stop());
                    }
                }).get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
                long eachMs = Math.max(1, CLOSE_WAIT_MS / Math.max(1, latches.size()));
                for (CountDownLatch l : latches) {
                    if (!l.await(eachMs, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // Stopping is best effort past this point: the sockets are dropped below.
            }
            for (LiveConnector c : connectors) {
                c.abort();
            }
            loop.shutdownNow();
            httpExecutor.shutdownNow();
            try {
                loop.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the connectors with the default jitter seed. */
    public static Handle start(List<ConnectorConfig> configs, Consumer<MarketEvent> sink, FeedHealth health,
                               Optional<RecordingWriter> recorder, LiveClock clock) {
        return start(configs, sink, health, recorder, clock, Jitter.seeded(JITTER_SEED_DEFAULT));
    }

    /**
     * Starts one connector per configuration (at most one per source: each source has one parser and one set of
     * health counters). Returns at once; connections open in the background.
     */
    public static Handle start(List<ConnectorConfig> configs, Consumer<MarketEvent> sink, FeedHealth health,
                               Optional<RecordingWriter> recorder, LiveClock clock, Jitter jitter) {
        Set<FeedSource> seen = EnumSet.noneOf(FeedSource.class);
        for (ConnectorConfig c : configs) {
            if (!seen.add(c.source())) {
                throw new IllegalArgumentException("two connectors for " + c.source());
            }
        }
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aftershock-feeds");
            t.setDaemon(true);
            return t;
        });
        ExecutorService httpExecutor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aftershock-feeds-http");
            t.setDaemon(true);
            return t;
        });
        long connectTimeoutMs = configs.stream().mapToLong(ConnectorConfig::connectTimeoutMs).max().orElse(10_000);
        HttpClient http = HttpClient.newBuilder().executor(httpExecutor)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs)).build();
        List<LiveConnector> connectors = new ArrayList<>();
        for (ConnectorConfig c : configs) {
            connectors.add(new LiveConnector(c, SourceParsers.create(c.source(), health), sink, health, recorder,
                    clock, jitter, loop, http));
        }
        for (LiveConnector c : connectors) {
            c.start();
        }
        return new Handle(connectors, loop, httpExecutor);
    }
}
