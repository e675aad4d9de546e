package aftershock.signals.gate;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeedStateTest {
    @Test
    void aWatchedSourceIsStaleWhenSilentAndDownWhenNeverHeard() {
        FeedHealth health = new FeedHealth();
        health.staleAfter(FeedSource.COINBASE, 10_000, 1_000);
        health.staleAfter(FeedSource.BINANCE_SPOT, 10_000, 1_000);
        health.heard(FeedSource.COINBASE, 2_000, 1);
        assertEquals(FeedState.OK, FeedState.of(health, FeedSource.COINBASE, 12_000));
        assertEquals(FeedState.STALE, FeedState.of(health, FeedSource.COINBASE, 12_001));
        assertEquals(FeedState.OK, FeedState.of(health, FeedSource.BINANCE_SPOT, 11_000));
        assertEquals(FeedState.DOWN, FeedState.of(health, FeedSource.BINANCE_SPOT, 11_001));
        assertEquals(FeedState.OK, FeedState.of(health, FeedSource.OKX, Long.MAX_VALUE)); // not watched
        assertEquals("stale", FeedState.STALE.id());
    }

    @Test
    void aDroppedLiveConnectionIsDownEvenIfTheSourceWasHeardBefore() {
        FeedHealth health = new FeedHealth();
        health.staleAfter(FeedSource.COINBASE, 10_000, 1_000);
        health.heard(FeedSource.COINBASE, 2_000, 1);
        health.linkDown(FeedSource.COINBASE);
        assertEquals(FeedState.DOWN, FeedState.of(health, FeedSource.COINBASE, 3_000));
        health.linkUp(FeedSource.COINBASE);
        assertEquals(FeedState.OK, FeedState.of(health, FeedSource.COINBASE, 3_000));
    }
}
