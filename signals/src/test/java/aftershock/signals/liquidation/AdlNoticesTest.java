package aftershock.signals.liquidation;

import aftershock.feeds.AdlRisk;
import aftershock.feeds.FeedSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static aftershock.signals.Ev.adl;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AdlNoticesTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 20_000 * 86_400_000L;

    @Test
    void anAlertIsASymbolEnteringTheTopLevelAndTheLatestRiskIsKeptPerSymbol() {
        AdlNotices n = new AdlNotices(new AdlNotices.Config(10 * HOUR));
        n.accept(adl(FeedSource.BINANCE_USDM, "BTCUSDT", T0, AdlRisk.LOW), T0);
        n.accept(adl(FeedSource.BINANCE_USDM, "BTCUSDT", T0 + HOUR, AdlRisk.HIGH), T0 + HOUR);
        n.accept(adl(FeedSource.BINANCE_USDM, "BTCUSDT", T0 + 2 * HOUR, AdlRisk.HIGH), T0 + 2 * HOUR);
        n.accept(adl(FeedSource.BINANCE_USDM, "BTCUSDT", T0 + 3 * HOUR, AdlRisk.MEDIUM), T0 + 3 * HOUR);
        n.accept(adl(FeedSource.BYBIT, "BTCUSDT", T0 + 4 * HOUR, AdlRisk.TRIGGERED), T0 + 4 * HOUR);
        assertEquals(2, n.alertsInWindow());
        assertEquals(3, n.maxLevel());
        assertEquals(new TreeMap<>(Map.of("binance-usdm:BTCUSDT", AdlRisk.MEDIUM, "bybit:BTCUSDT",
                AdlRisk.TRIGGERED)), n.latestRisk());
        assertEquals(5, n.notices());
        n.advanceTo(T0 + 11 * HOUR); // the 1 h alert left the 10 h window
        assertEquals(1, n.alertsInWindow());
        assertEquals(2, n.alertsTotal());
    }

    @Test
    void reviewsAnnouncedAreCountedOverTheWindow() {
        AdlNotices n = new AdlNotices(new AdlNotices.Config(10 * HOUR));
        n.announce(new AdlAnnouncement(T0, "binance", AdlAnnouncement.Kind.REVIEW, "ADL band review"));
        n.announce(new AdlAnnouncement(T0 + HOUR, "okx", AdlAnnouncement.Kind.NOTICE, "incident report"));
        assertEquals(1, n.reviewsInWindow());
        assertEquals("binance", n.latestReview().venue());
        n.advanceTo(T0 + 10 * HOUR);
        assertEquals(0, n.reviewsInWindow());
        assertEquals(0, n.maxLevel());
    }
}
