package aftershock.signals.premium;

import aftershock.feeds.FeedSource;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;

/**
 * Parameters of the Coinbase premium.
 *
 * @param us                 the U.S. spot market (Coinbase BTC-USD)
 * @param offshore           the offshore spot market quoted in USDT (Binance spot BTCUSDT)
 * @param usdtUsd            a market quoting USDT in USD whose mid converts the offshore price (e.g. Coinbase
 *                           USDT-USD), or null to use {@code usdtUsdFixedE8}
 * @param usdtUsdFixedE8     USD per USDT when no {@code usdtUsd} market is configured or it has no price yet (1.0:
 *                           no adjustment)
 * @param sampleIntervalMs   the common clock: both mids are sampled at every multiple of this (last value carried)
 * @param smoothingSamples   the moving average's window, in samples (1,800 one-minute samples = the 30-hour average
 *                           practitioners use)
 * @param smoothingSamplesMin samples needed before the moving average is reported
 * @param quoteStaleAfterMs  a mid older than this at a sample time is not carried: no sample is taken
 */
public record CoinbasePremiumConfig(Market us, Market offshore, Market usdtUsd, long usdtUsdFixedE8,
                                    long sampleIntervalMs, int smoothingSamples, int smoothingSamplesMin,
                                    long quoteStaleAfterMs) {
    public CoinbasePremiumConfig {
        if (us == null || offshore == null) {
            throw new IllegalArgumentException("premium: the U.S. and offshore markets are required");
        }
        if (usdtUsdFixedE8 <= 0) {
            throw new IllegalArgumentException("premium: usdtUsdFixedE8 must be positive: " + usdtUsdFixedE8);
        }
        if (sampleIntervalMs <= 0 || 86_400_000L % sampleIntervalMs != 0) {
            throw new IllegalArgumentException("premium: sampleIntervalMs must divide a day: " + sampleIntervalMs);
        }
        if (smoothingSamples < 1 || smoothingSamples > 1_000_000) {
            throw new IllegalArgumentException("premium: smoothingSamples must be in 1..1000000: "
                    + smoothingSamples);
        }
        if (smoothingSamplesMin < 1 || smoothingSamplesMin > smoothingSamples) {
            throw new IllegalArgumentException("premium: smoothingSamplesMin must be in 1..smoothingSamples: "
                    + smoothingSamplesMin);
        }
        if (quoteStaleAfterMs <= 0) {
            throw new IllegalArgumentException("premium: quoteStaleAfterMs must be positive: " + quoteStaleAfterMs);
        }
    }

    /** Coinbase BTC-USD vs Binance spot BTCUSDT, one-minute clock, 30-hour average reported after one hour. */
    public static CoinbasePremiumConfig defaults() {
        return new CoinbasePremiumConfig(new Market(FeedSource.COINBASE, "BTC-USD"),
                new Market(FeedSource.BINANCE_SPOT, "BTCUSDT"), null, FixedE8.ONE, 60_000L, 1_800, 60, 300_000L);
    }
}
