package aftershock.signals.premium;

import aftershock.feeds.MarketEvent;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.FixedE8.Round;
import aftershock.signals.series.LastPrice;
import aftershock.signals.series.PriceKind;

/**
 * The Coinbase premium: {@code (Coinbase BTC-USD mid − Binance BTCUSDT mid × USD/USDT) / (Binance mid × USD/USDT)},
 * in % and in US$, a read of U.S. spot demand against offshore flow (models.md; the seed's first playbook signal).
 *
 * <p>Both mids are sampled on a common clock: the sample at time {@code b} (a multiple of the interval) is the state
 * just before {@code b}, last values carried, skipped when either mid is older than {@code quoteStaleAfterMs}. The
 * samples feed a moving average (the "smoothed" premium) and two persistence measures: the streak of consecutive UTC
 * daily closes of the smoothed premium with the same sign ("negative for 4 days"; a day's close is its last sample,
 * the sample at 00:00 closing the previous day; a day without samples breaks the streak), and how long the smoothed
 * premium has kept its current sign over consecutive samples ("positive for a session").
 *
 * <p>Fed events in time order with the signals' clock; {@link #advanceTo} takes the samples due.
 */
public final class CoinbasePremium {
    private static final long DAY_MS = 86_400_000L;
    private static final long HOUR_MS = 3_600_000L;

    private final CoinbasePremiumConfig config;
    private final LastPrice us;
    private final LastPrice offshore;
    private final LastPrice usdtUsd;

    private long nextSampleTsMs = Long.MIN_VALUE;
    private long lastSampleTsMs = Long.MIN_VALUE;
    private long premiumPctE8 = MarketEvent.ABSENT;
    private long premiumUsdE8 = MarketEvent.ABSENT;

    private final long[] windowPct;
    private final long[] windowUsd;
    private int windowSize;
    private int windowNext;
    private long windowSumPct;
    private long windowSumUsd;

    private int runSign;
    private long runStartTsMs = Long.MIN_VALUE;

    private long openDay = Long.MIN_VALUE;
    private long openDayCloseE8 = MarketEvent.ABSENT;
    private long lastClosedDay = Long.MIN_VALUE;
    private int streakSign;
    private int streakDays;

    public CoinbasePremium(CoinbasePremiumConfig config) {
        this.config = config;
        this.us = new LastPrice(config.us(), PriceKind.MID);
        this.offshore = new LastPrice(config.offshore(), PriceKind.MID);
        this.usdtUsd = config.usdtUsd() == null ? null : new LastPrice(config.usdtUsd(), PriceKind.MID);
        this.windowPct = new long[config.smoothingSamples()];
        this.windowUsd = new long[config.smoothingSamples()];
    }

    public CoinbasePremiumConfig config() {
        return config;
    }

    /** Takes the samples due before {@code nowMs}, then the event's quote if it is one of the three markets. */
    public void accept(MarketEvent e, long nowMs) {
        advanceTo(nowMs);
        if (!us.accept(e, nowMs) && !offshore.accept(e, nowMs) && usdtUsd != null) {
            usdtUsd.accept(e, nowMs);
        }
        if (nextSampleTsMs == Long.MIN_VALUE && us.present() && offshore.present()) {
            nextSampleTsMs = nextBoundaryAfter(nowMs);
        }
    }

    /** Takes every sample at a clock time ≤ {@code nowMs} not taken yet, and closes the days that ended. */
    public void advanceTo(long nowMs) {
        if (nextSampleTsMs != Long.MIN_VALUE) {
            while (nextSampleTsMs <= nowMs) {
                long b = nextSampleTsMs;
                if (us.freshAt(b, config.quoteStaleAfterMs()) && offshore.freshAt(b, config.quoteStaleAfterMs())) {
                    sample(b);
                    nextSampleTsMs = b + config.sampleIntervalMs();
                } else {
                    // Nothing changes until the next event: jump past now (a bounded loop over long gaps).
                    nextSampleTsMs = nextBoundaryAfter(nowMs);
                }
            }
        }
        if (openDay != Long.MIN_VALUE && nowMs >= (openDay + 1) * DAY_MS) {
            closeDay();
        }
    }

    private long nextBoundaryAfter(long tsMs) {
        long interval = config.sampleIntervalMs();
        return Math.floorDiv(tsMs, interval) * interval + interval;
    }

    private void sample(long b) {
        long rate = usdtUsd != null && usdtUsd.present() ? usdtUsd.priceE8() : config.usdtUsdFixedE8();
        long offshoreUsd = FixedE8.multiply(offshore.priceE8(), rate, Round.HALF_UP);
        premiumUsdE8 = Math.subtractExact(us.priceE8(), offshoreUsd);
        premiumPctE8 = FixedE8.percent(premiumUsdE8, offshoreUsd);

        int cap = windowPct.length;
        if (windowSize == cap) {
            windowSumPct -= windowPct[windowNext];
            windowSumUsd -= windowUsd[windowNext];
        } else {
            windowSize++;
        }
        windowPct[windowNext] = premiumPctE8;
        windowUsd[windowNext] = premiumUsdE8;
        windowSumPct = Math.addExact(windowSumPct, premiumPctE8);
        windowSumUsd = Math.addExact(windowSumUsd, premiumUsdE8);
        windowNext = (windowNext + 1) % cap;

        long smoothed = smoothedPctE8();
        boolean contiguous = lastSampleTsMs == b - config.sampleIntervalMs();
        lastSampleTsMs = b;
        if (smoothed == MarketEvent.ABSENT) {
            runSign = 0;
            runStartTsMs = Long.MIN_VALUE;
        } else {
            int sign = Long.signum(smoothed);
            if (!contiguous || runStartTsMs == Long.MIN_VALUE || sign != runSign) {
                runSign = sign;
                runStartTsMs = b;
            }
        }

        // The sample at b is the state just before b: it belongs to the day of b − 1 ms.
        long day = Math.floorDiv(b - 1, DAY_MS);
        if (openDay != Long.MIN_VALUE && day != openDay) {
            closeDay();
        }
        openDay = day;
        openDayCloseE8 = smoothed;
    }

    private void closeDay() {
        if (openDayCloseE8 != MarketEvent.ABSENT) {
            int sign = Long.signum(openDayCloseE8);
            if (lastClosedDay == openDay - 1 && sign == streakSign) {
                streakDays++;
            } else {
                streakSign = sign;
                streakDays = 1;
            }
            lastClosedDay = openDay;
        }
        openDay = Long.MIN_VALUE;
        openDayCloseE8 = MarketEvent.ABSENT;
    }

    /** The latest sample's premium in % (E8: −0.03 % is −3_000_000), or ABSENT before the first sample. */
    public long premiumPctE8() {
        return premiumPctE8;
    }

    /** The latest sample's premium in US$ (E8), or ABSENT. */
    public long premiumUsdE8() {
        return premiumUsdE8;
    }

    /** Time of the latest sample, or {@link Long#MIN_VALUE}. */
    public long lastSampleTsMs() {
        return lastSampleTsMs;
    }

    /** Samples in the moving average's window. */
    public int samples() {
        return windowSize;
    }

    /** Mean of the window's premiums in % (rounded half up), or ABSENT before {@code smoothingSamplesMin}. */
    public long smoothedPctE8() {
        return windowSize < config.smoothingSamplesMin() ? MarketEvent.ABSENT
                : FixedE8.div(windowSumPct, windowSize, Round.HALF_UP);
    }

    /** Mean of the window's premiums in US$, or ABSENT before {@code smoothingSamplesMin}. */
    public long smoothedUsdE8() {
        return windowSize < config.smoothingSamplesMin() ? MarketEvent.ABSENT
                : FixedE8.div(windowSumUsd, windowSize, Round.HALF_UP);
    }

    /** Consecutive daily closes of the smoothed premium below zero (0 if the latest close was not negative). */
    public int negativeDays() {
        return streakSign < 0 ? streakDays : 0;
    }

    /** Consecutive daily closes of the smoothed premium above zero. */
    public int positiveDays() {
        return streakSign > 0 ? streakDays : 0;
    }

    /** Hours (E8) the smoothed premium has been above zero over consecutive samples, first to latest; 0 if not. */
    public long positiveHoursE8() {
        return runSign > 0 ? runHoursE8() : 0;
    }

    /** Hours (E8) the smoothed premium has been below zero over consecutive samples; 0 if not. */
    public long negativeHoursE8() {
        return runSign < 0 ? runHoursE8() : 0;
    }

    private long runHoursE8() {
        return FixedE8.mulDiv(lastSampleTsMs - runStartTsMs, FixedE8.ONE, HOUR_MS, Round.FLOOR);
    }
}
