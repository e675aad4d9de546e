package aftershock.signals.ethbtc;

import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.Side;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;
import aftershock.signals.series.PriceKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.signals.Ev.d;
import static aftershock.signals.Ev.mark;
import static aftershock.signals.Ev.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EthBtcTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 20_000 * 86_400_000L;

    private static EthBtc ethBtc() {
        return new EthBtc(new EthBtcConfig(new Market(FeedSource.BINANCE_USDM, "ETHUSDT"),
                new Market(FeedSource.BINANCE_USDM, "BTCUSDT"), PriceKind.TRADE, MINUTE, List.of(2 * MINUTE), HOUR,
                FixedE8.ONE, 5 * MINUTE));
    }

    private static void prices(EthBtc e, long ts, String eth, String btc) {
        if (eth != null) {
            e.accept(trade(FeedSource.BINANCE_USDM, "ETHUSDT", ts, eth, "1", Side.BUY), ts);
        }
        if (btc != null) {
            e.accept(trade(FeedSource.BINANCE_USDM, "BTCUSDT", ts, btc, "1", Side.BUY), ts);
        }
    }

    @Test
    void theRatioIsEthOverBtc() {
        EthBtc e = ethBtc();
        prices(e, T0, "3600", null);
        assertEquals(MarketEvent.ABSENT, e.ratioE8());
        prices(e, T0, null, "100000");
        assertEquals(d("0.036"), e.ratioE8());
    }

    @Test
    void otherPriceKindsAndMarketsAreIgnored() {
        EthBtc e = ethBtc();
        prices(e, T0, "3600", "100000");
        e.accept(mark(FeedSource.BINANCE_USDM, "ETHUSDT", T0 + 1, "3000", null), T0 + 1);
        e.accept(trade(FeedSource.BYBIT, "ETHUSDT", T0 + 1, "3000", "1", Side.SELL), T0 + 1);
        assertEquals(d("0.036"), e.ratioE8());
    }

    @Test
    void theChangeComparesWithTheSampleOneWindowAgo() {
        EthBtc e = ethBtc();
        prices(e, T0, "4000", "100000");
        prices(e, T0 + 150_000, "3800", null);
        // 150 s − 120 s = 30 s → the sample at 0 s, which was never taken (the first is at 60 s)
        assertEquals(MarketEvent.ABSENT, e.changePctE8(2 * MINUTE));
        e.advanceTo(T0 + 180_000);
        // the sample at 60 s: 0.04 → now 0.038
        assertEquals(d("-5"), e.changePctE8(2 * MINUTE));
        assertThrows(IllegalArgumentException.class, () -> e.changePctE8(HOUR));
    }

    @Test
    void ethFallingThreeTimesAsFarAsBtcReadsAsRelativeDrawdown() {
        EthBtc e = ethBtc();
        prices(e, T0, "4000", "108000");
        prices(e, T0 + MINUTE, "3640", "105408");
        assertEquals(d("9"), e.ethDrawdownPctE8());
        assertEquals(d("2.4"), e.btcDrawdownPctE8());
        assertEquals(d("3.75"), e.relativeDrawdownE8());
    }

    @Test
    void aSmallBtcDrawdownGivesNoRelativeDrawdown() {
        EthBtc e = ethBtc();
        prices(e, T0, "4000", "108000");
        prices(e, T0 + MINUTE, "3640", "107460");
        assertEquals(d("0.5"), e.btcDrawdownPctE8());
        assertEquals(MarketEvent.ABSENT, e.relativeDrawdownE8());
    }

    @Test
    void theHighIsTakenOverTheWindowOnly() {
        EthBtc e = ethBtc();
        prices(e, T0, "4000", "108000");
        prices(e, T0 + 30 * MINUTE, "3800", "105000");
        prices(e, T0 + HOUR + MINUTE, "3700", "104000");
        // the 4000 / 108000 highs (bucket 0) left the one-hour window; 3800 / 105000 remain
        assertEquals(d("2.63157895"), e.ethDrawdownPctE8());
        assertEquals(d("0.95238095"), e.btcDrawdownPctE8());
    }
}
