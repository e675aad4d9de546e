package aftershock.signals.ethbtc;

import aftershock.feeds.FeedSource;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;
import aftershock.signals.series.PriceKind;

import java.util.List;

/**
 * Parameters of the ETH/BTC signal.
 *
 * @param eth                 the ETH market (Binance USDⓈ-M ETHUSDT)
 * @param btc                 the BTC market, same quote currency (Binance USDⓈ-M BTCUSDT)
 * @param priceKind           which price of each market is followed (mark by default)
 * @param sampleIntervalMs    the ratio is sampled on this clock for the changes, and it is the rolling high's bucket
 * @param changeWindowsMs     windows of the ratio's change (current ratio vs the sample one window ago)
 * @param drawdownWindowMs    the rolling high of each asset is taken over this window
 * @param btcDrawdownMinPctE8 the relative drawdown (ETH's / BTC's) is reported only when BTC is at least this far
 *                            below its high (a ratio of two tiny drawdowns is noise)
 * @param priceStaleAfterMs   a price older than this is not sampled
 */
public record EthBtcConfig(Market eth, Market btc, PriceKind priceKind, long sampleIntervalMs,
                           List<Long> changeWindowsMs, long drawdownWindowMs, long btcDrawdownMinPctE8,
                           long priceStaleAfterMs) {
    public EthBtcConfig {
        if (eth == null || btc == null || priceKind == null) {
            throw new IllegalArgumentException("ethBtc: markets and price kind are required");
        }
        if (sampleIntervalMs <= 0) {
            throw new IllegalArgumentException("ethBtc: sampleIntervalMs must be positive: " + sampleIntervalMs);
        }
        changeWindowsMs = List.copyOf(changeWindowsMs);
        for (long w : changeWindowsMs) {
            if (w <= 0 || w % sampleIntervalMs != 0 || w / sampleIntervalMs > 1_000_000) {
                throw new IllegalArgumentException("ethBtc: a change window must be a positive multiple of the "
                        + "sample interval (at most 1,000,000 samples): " + w);
            }
        }
        if (drawdownWindowMs <= 0) {
            throw new IllegalArgumentException("ethBtc: drawdownWindowMs must be positive: " + drawdownWindowMs);
        }
        if (btcDrawdownMinPctE8 <= 0) {
            throw new IllegalArgumentException("ethBtc: btcDrawdownMinPctE8 must be positive: "
                    + btcDrawdownMinPctE8);
        }
        if (priceStaleAfterMs <= 0) {
            throw new IllegalArgumentException("ethBtc: priceStaleAfterMs must be positive: " + priceStaleAfterMs);
        }
    }

    /** Binance USDⓈ-M marks, one-minute clock, changes over 1 h / 24 h / 7 d, highs over 72 h, BTC drawdown ≥ 1 %. */
    public static EthBtcConfig defaults() {
        return new EthBtcConfig(new Market(FeedSource.BINANCE_USDM, "ETHUSDT"),
                new Market(FeedSource.BINANCE_USDM, "BTCUSDT"), PriceKind.MARK, 60_000L,
                List.of(3_600_000L, 86_400_000L, 604_800_000L), 259_200_000L, FixedE8.ONE, 300_000L);
    }
}
