package aftershock.signals.premium;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;
import org.junit.jupiter.api.Test;

import static aftershock.signals.Ev.d;
import static aftershock.signals.Ev.top;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CoinbasePremiumTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    /** 2024-10-04T00:00Z: a midnight, so days in the tests are UTC days. */
    private static final long T0 = 20_000 * DAY;
    private static final Market US = new Market(FeedSource.COINBASE, "BTC-USD");
    private static final Market OFFSHORE = new Market(FeedSource.BINANCE_SPOT, "BTCUSDT");

    private static CoinbasePremium premium(long intervalMs, int window, int min, long staleMs) {
        return new CoinbasePremium(new CoinbasePremiumConfig(US, OFFSHORE, null, FixedE8.ONE, intervalMs, window, min,
                staleMs));
    }

    private static void quotes(CoinbasePremium p, long ts, String usMid, String offshoreMid) {
        // a one-cent spread around each mid
        p.accept(top(FeedSource.COINBASE, "BTC-USD", ts, minus(usMid), plus(usMid)), ts);
        p.accept(top(FeedSource.BINANCE_SPOT, "BTCUSDT", ts, minus(offshoreMid), plus(offshoreMid)), ts);
    }

    private static String minus(String mid) {
        return DecimalE8.format(d(mid) - 1_000_000);
    }

    private static String plus(String mid) {
        return DecimalE8.format(d(mid) + 1_000_000);
    }

    @Test
    void premiumIsTheMidDifferenceInDollarsAndPercentOfTheOffshoreMid() {
        CoinbasePremium p = premium(MINUTE, 3, 1, 5 * MINUTE);
        quotes(p, T0, "100030", "100000");
        assertEquals(MarketEvent.ABSENT, p.premiumPctE8());
        p.advanceTo(T0 + MINUTE);
        assertEquals(d("30"), p.premiumUsdE8());
        assertEquals(d("0.03"), p.premiumPctE8());
        assertEquals(T0 + MINUTE, p.lastSampleTsMs());
    }

    @Test
    void theSampleAtATimeIsTheStateJustBeforeIt() {
        CoinbasePremium p = premium(MINUTE, 3, 1, 5 * MINUTE);
        quotes(p, T0, "100030", "100000");
        quotes(p, T0 + MINUTE, "99970", "100000");
        assertEquals(d("0.03"), p.premiumPctE8()); // the sample at 60 s did not see the quote at 60 s
        p.advanceTo(T0 + 2 * MINUTE);
        assertEquals(d("-0.03"), p.premiumPctE8());
    }

    @Test
    void theOffshoreMidIsConvertedAtTheUsdtUsdMid() {
        Market usdt = new Market(FeedSource.COINBASE, "USDT-USD");
        CoinbasePremium p = new CoinbasePremium(new CoinbasePremiumConfig(US, OFFSHORE, usdt, FixedE8.ONE, MINUTE, 3,
                1, 5 * MINUTE));
        quotes(p, T0, "100030", "100000");
        p.accept(top(FeedSource.COINBASE, "USDT-USD", T0, "1.0001", "1.0003"), T0);
        p.advanceTo(T0 + MINUTE);
        // 100000 USDT × 1.0002 = 100020 US$: premium 10 US$ = 0.0099980004 % (rounded half up to E8)
        assertEquals(d("10"), p.premiumUsdE8());
        assertEquals(d("0.009998"), p.premiumPctE8());
    }

    @Test
    void theSmoothedPremiumIsTheMeanOfTheLastWindowOfSamples() {
        CoinbasePremium p = premium(MINUTE, 3, 2, 5 * MINUTE);
        quotes(p, T0, "100030", "100000");
        p.advanceTo(T0 + MINUTE);
        assertEquals(MarketEvent.ABSENT, p.smoothedPctE8()); // one sample, two needed
        quotes(p, T0 + MINUTE, "100060", "100000");
        p.advanceTo(T0 + 2 * MINUTE);
        assertEquals(d("0.045"), p.smoothedPctE8());
        quotes(p, T0 + 2 * MINUTE, "99970", "100000");
        p.advanceTo(T0 + 3 * MINUTE);
        assertEquals(d("0.02"), p.smoothedPctE8()); // (0.03 + 0.06 − 0.03) / 3
        assertEquals(d("20"), p.smoothedUsdE8());
        quotes(p, T0 + 3 * MINUTE, "100000", "100000");
        p.advanceTo(T0 + 4 * MINUTE);
        assertEquals(d("0.01"), p.smoothedPctE8()); // (0.06 − 0.03 + 0) / 3: the first sample left
        assertEquals(3, p.samples());
    }

    @Test
    void aStaleQuoteIsNotCarriedIntoASample() {
        CoinbasePremium p = premium(MINUTE, 100, 1, 5 * MINUTE);
        quotes(p, T0, "100030", "100000");
        p.advanceTo(T0 + 10 * MINUTE);
        assertEquals(5, p.samples()); // 1..5 min; at 6 min the quotes are 6 min old
        assertEquals(T0 + 5 * MINUTE, p.lastSampleTsMs());
        quotes(p, T0 + 10 * MINUTE + 1, "100030", "100000");
        p.advanceTo(T0 + 11 * MINUTE);
        assertEquals(6, p.samples());
        assertEquals(T0 + 11 * MINUTE, p.lastSampleTsMs());
    }

    @Test
    void negativeDaysCountConsecutiveDailyClosesOfTheSmoothedPremium() {
        CoinbasePremium p = premium(HOUR, 1, 1, 10 * DAY);
        quotes(p, T0, "99970", "100000");
        p.advanceTo(T0 + 4 * DAY - 1);
        assertEquals(3, p.negativeDays()); // days 0..2 closed; day 3 closes with its 24:00 sample
        p.advanceTo(T0 + 4 * DAY);
        assertEquals(4, p.negativeDays());
        assertEquals(0, p.positiveDays());
        quotes(p, T0 + 4 * DAY + 1, "100030", "100000");
        p.advanceTo(T0 + 5 * DAY);
        assertEquals(0, p.negativeDays());
        assertEquals(1, p.positiveDays());
        // positive from the 01:00 sample to the 24:00 sample of day 4
        assertEquals(23 * FixedE8.ONE, p.positiveHoursE8());
        assertEquals(0, p.negativeHoursE8());
    }

    @Test
    void aDayWithoutSamplesBreaksTheStreak() {
        CoinbasePremium p = premium(HOUR, 1, 1, HOUR);
        for (long t = 0; t < 2 * DAY; t += HOUR) {
            quotes(p, T0 + t, "99970", "100000");
        }
        p.advanceTo(T0 + 2 * DAY);
        assertEquals(2, p.negativeDays());
        // silent through day 2, quotes again on day 3
        for (long t = 3 * DAY; t < 4 * DAY; t += HOUR) {
            quotes(p, T0 + t, "99970", "100000");
        }
        p.advanceTo(T0 + 4 * DAY);
        assertEquals(1, p.negativeDays());
    }
}
