package aftershock.feeds;

import aftershock.feeds.binance.BinanceUsdmParser;
import org.junit.jupiter.api.Test;

import static aftershock.feeds.FeedSource.BINANCE_USDM;
import static aftershock.feeds.FeedSource.COINBASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedHealthTest {
    private final FeedHealth health = new FeedHealth();

    @Test
    void aWatchedSourceSilentLongerThanItsThresholdIsStale() {
        health.staleAfter(BINANCE_USDM, 5_000, 1_000);
        assertEquals(FeedStatus.OK, health.status(BINANCE_USDM, 6_000));
        assertEquals(FeedStatus.STALE, health.status(BINANCE_USDM, 6_001), "nothing heard since watching began");
        BinanceUsdmParser parser = new BinanceUsdmParser(health);
        parser.parse(7_000, "{\"e\":\"markPriceUpdate\",\"E\":6990,\"s\":\"BTCUSDT\",\"p\":\"1\",\"i\":\"1\","
                + "\"r\":\"0\",\"T\":1}");
        assertEquals(FeedStatus.OK, health.status(BINANCE_USDM, 12_000));
        assertEquals(FeedStatus.STALE, health.status(BINANCE_USDM, 12_001));
    }

    @Test
    void garbageDoesNotKeepAFeedAlive() {
        health.staleAfter(BINANCE_USDM, 5_000, 0);
        new BinanceUsdmParser(health).parse(4_000, "not json");
        assertEquals(FeedStatus.STALE, health.status(BINANCE_USDM, 5_001));
        assertEquals(Long.MIN_VALUE, health.lastHeardTsMs(BINANCE_USDM));
    }

    @Test
    void aSourceIsDownWhileAnyOfItsConnectionsIsDown() {
        health.staleAfter(BINANCE_USDM, 5_000, 1_000);
        health.linkDown(BINANCE_USDM);
        health.linkDown(BINANCE_USDM);
        assertEquals(FeedStatus.DOWN, health.status(BINANCE_USDM, 1_000));
        health.linkUp(BINANCE_USDM);
        assertEquals(FeedStatus.DOWN, health.status(BINANCE_USDM, 1_000), "the second socket is still down");
        health.linkUp(BINANCE_USDM);
        assertEquals(FeedStatus.OK, health.status(BINANCE_USDM, 1_000));
        assertEquals(FeedStatus.STALE, health.status(BINANCE_USDM, 6_001));
        assertThrows(IllegalStateException.class, () -> health.linkUp(BINANCE_USDM));
        health.linkDown(COINBASE);
        assertEquals(FeedStatus.DOWN, health.status(COINBASE, 0), "down even if not watched");
    }

    @Test
    void anUnwatchedSourceIsNeverStale() {
        assertEquals(FeedStatus.OK, health.status(COINBASE, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> health.staleAfter(COINBASE, 0, 0));
    }

    @Test
    void rawSamplesAreBoundedInNumberAndLength() {
        String longRaw = "x".repeat(FeedHealth.SAMPLE_LENGTH_MAX + 10);
        for (int i = 0; i < 100; i++) {
            health.issue(COINBASE, i, "malformed-json", i == 99 ? longRaw : "raw " + i);
        }
        assertEquals(100, health.issueCount(COINBASE, "malformed-json"));
        assertEquals(FeedHealth.SAMPLES_PER_SOURCE_MAX, health.recentIssues(COINBASE).size());
        assertEquals("raw 84", health.recentIssues(COINBASE).get(0).raw(), "the oldest are dropped first");
        String kept = health.recentIssues(COINBASE).get(FeedHealth.SAMPLES_PER_SOURCE_MAX - 1).raw();
        assertTrue(kept.endsWith("...(" + longRaw.length() + " chars)"), kept);
    }

    @Test
    void summaryListsSourcesWithTheirCountsByReasonInOrder() {
        BinanceUsdmParser parser = new BinanceUsdmParser(health);
        parser.parse(1, "{");
        parser.parse(1, "{\"result\":null,\"id\":1}");
        parser.parse(1, "{\"e\":\"mystery\"}");
        assertEquals("binance-usdm: messages=3 events=0 issues={malformed-json=1, unknown-event=1} "
                + "ignored={subscription-ack=1}\n", health.summary());
    }
}
