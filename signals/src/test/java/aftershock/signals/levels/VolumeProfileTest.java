package aftershock.signals.levels;

import aftershock.feeds.FeedSource;
import aftershock.feeds.Side;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;
import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.signals.Ev.d;
import static aftershock.signals.Ev.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VolumeProfileTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 20_000 * 86_400_000L;
    private static final Market BTC = new Market(FeedSource.BINANCE_USDM, "BTCUSDT");

    private static VolumeProfile profile() {
        return new VolumeProfile(new VolumeProfileConfig(BTC, 100 * FixedE8.ONE, 2 * HOUR, HOUR,
                3 * FixedE8.ONE / 2));
    }

    private static void tradeAt(VolumeProfile p, long ts, String price, String qty) {
        p.accept(trade(FeedSource.BINANCE_USDM, "BTCUSDT", ts, price, qty, Side.SELL), ts);
    }

    private static void session(VolumeProfile p) {
        tradeAt(p, T0, "105050", "5");
        tradeAt(p, T0 + 1, "105120", "5");
        tradeAt(p, T0 + 2, "103000", "1");
        tradeAt(p, T0 + 3, "108000", "1");
        tradeAt(p, T0 + 4, "106000", "1");
    }

    @Test
    void aZoneIsARunOfBucketsWithAtLeastTheMultipleOfTheMeanVolume() {
        VolumeProfile p = profile();
        session(p);
        // 13 BTC over 5 buckets: mean 2.6, threshold 3.9 → 105,000 and 105,100
        assertEquals(List.of(new VolumeProfile.Zone(d("105000"), d("105200"), d("10"))), p.zones());
        assertEquals(d("5"), p.profile().get(d("105000")));
    }

    @Test
    void theZoneBelowThePriceIsSupportAndAboveItResistance() {
        VolumeProfile p = profile();
        session(p);
        assertEquals(d("105000"), p.supportAt(d("106000")).lowE8());
        assertNull(p.resistanceAt(d("106000")));
        assertEquals(d("105000"), p.resistanceAt(d("104000")).lowE8());
        assertNull(p.supportAt(d("104000")));
    }

    @Test
    void volumeLeavesTheWindowBySlice() {
        VolumeProfile p = profile();
        session(p);
        tradeAt(p, T0 + HOUR, "104000", "2");
        p.advanceTo(T0 + 3 * HOUR - 1);
        assertEquals(6, p.profile().size());
        p.advanceTo(T0 + 3 * HOUR);
        assertEquals(1, p.profile().size()); // the first hour's slice ended at T0 + 1 h ≤ now − 2 h
        assertEquals(List.of(), p.zones()); // a lone bucket is its own mean: never 1.5 × it
        tradeAt(p, T0 + 3 * HOUR, "104000", "1");
        tradeAt(p, T0 + 3 * HOUR, "104100", "1");
        tradeAt(p, T0 + 3 * HOUR, "104200", "1");
        // 2 + 1 = 3, 1, 1: mean 5 / 3, threshold 2.5 → the 104,000 bucket alone
        assertEquals(List.of(new VolumeProfile.Zone(d("104000"), d("104100"), d("3"))), p.zones());
    }
}
