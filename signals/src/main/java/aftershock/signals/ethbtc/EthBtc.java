package aftershock.signals.ethbtc;

import aftershock.feeds.MarketEvent;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.LastPrice;
import aftershock.signals.series.RollingMax;

import java.util.Arrays;

/**
 * ETH/BTC as a read of DeFi-risk repricing (the seed's third playbook signal): the ratio of the two prices, its change
 * over configured windows, each asset's drawdown from its rolling high and the relative drawdown ETH / BTC (about 3
 * on 2025-11-03: ETH −9 % against BTC's −2.4 %).
 *
 * <p>The ratio is sampled on a clock like the premium: the sample at {@code b} is the ratio just before {@code b},
 * skipped when either price is staler than {@code priceStaleAfterMs}. The change over a window W compares the current
 * ratio with the sample at the clock time at or before {@code now − W}; it is absent when that sample was not taken.
 * Highs are over {@code drawdownWindowMs} at the sample interval's resolution and include the current price.
 */
public final class EthBtc {
    private final EthBtcConfig config;
    private final LastPrice eth;
    private final LastPrice btc;
    private final RollingMax ethHigh;
    private final RollingMax btcHigh;
    private final long[] sampleTs;
    private final long[] sampleRatio;
    private long nextSampleTsMs = Long.MIN_VALUE;
    private long nowMs = Long.MIN_VALUE;

    public EthBtc(EthBtcConfig config) {
        this.config = config;
        this.eth = new LastPrice(config.eth(), config.priceKind());
        this.btc = new LastPrice(config.btc(), config.priceKind());
        this.ethHigh = new RollingMax(config.sampleIntervalMs(), config.drawdownWindowMs());
        this.btcHigh = new RollingMax(config.sampleIntervalMs(), config.drawdownWindowMs());
        long longest = 0;
        for (long w : config.changeWindowsMs()) {
            longest = Math.max(longest, w);
        }
        int capacity = (int) (longest / config.sampleIntervalMs()) + 2;
        this.sampleTs = new long[capacity];
        this.sampleRatio = new long[capacity];
        Arrays.fill(sampleTs, Long.MIN_VALUE);
    }

    public EthBtcConfig config() {
        return config;
    }

    public void accept(MarketEvent e, long nowMs) {
        advanceTo(nowMs);
        if (eth.accept(e, nowMs)) {
            ethHigh.add(nowMs, eth.priceE8());
        } else if (btc.accept(e, nowMs)) {
            btcHigh.add(nowMs, btc.priceE8());
        }
        if (nextSampleTsMs == Long.MIN_VALUE && eth.present() && btc.present()) {
            nextSampleTsMs = nextBoundaryAfter(nowMs);
        }
    }

    public void advanceTo(long nowMs) {
        this.nowMs = Math.max(this.nowMs, nowMs);
        if (nextSampleTsMs == Long.MIN_VALUE) {
            return;
        }
        while (nextSampleTsMs <= nowMs) {
            long b = nextSampleTsMs;
            if (eth.freshAt(b, config.priceStaleAfterMs()) && btc.freshAt(b, config.priceStaleAfterMs())) {
                int slot = slot(b);
                sampleTs[slot] = b;
                sampleRatio[slot] = FixedE8.ratio(eth.priceE8(), btc.priceE8());
                nextSampleTsMs = b + config.sampleIntervalMs();
            } else {
                nextSampleTsMs = nextBoundaryAfter(nowMs);
            }
        }
    }

    private long nextBoundaryAfter(long tsMs) {
        long interval = config.sampleIntervalMs();
        return Math.floorDiv(tsMs, interval) * interval + interval;
    }

    private int slot(long boundaryTsMs) {
        return (int) Math.floorMod(Math.floorDiv(boundaryTsMs, config.sampleIntervalMs()), (long) sampleTs.length);
    }

    /** ETH price / BTC price (E8), or ABSENT until both are known. */
    public long ratioE8() {
        return eth.present() && btc.present() ? FixedE8.ratio(eth.priceE8(), btc.priceE8()) : MarketEvent.ABSENT;
    }

    /** The ratio's change in % over {@code windowMs} (one of the configured windows), or ABSENT. */
    public long changePctE8(long windowMs) {
        if (!config.changeWindowsMs().contains(windowMs)) {
            throw new IllegalArgumentException("ethBtc: " + windowMs + " ms is not a configured change window");
        }
        long now = ratioE8();
        if (now == MarketEvent.ABSENT) {
            return MarketEvent.ABSENT;
        }
        long interval = config.sampleIntervalMs();
        long target = Math.floorDiv(nowMs - windowMs, interval) * interval;
        int slot = slot(target);
        if (sampleTs[slot] != target) {
            return MarketEvent.ABSENT;
        }
        return FixedE8.percentChange(sampleRatio[slot], now);
    }

    /** ETH's drawdown from its rolling high in % (E8, ≥ 0), or ABSENT. */
    public long ethDrawdownPctE8() {
        return drawdown(eth, ethHigh);
    }

    /** BTC's drawdown from its rolling high in % (E8, ≥ 0), or ABSENT. */
    public long btcDrawdownPctE8() {
        return drawdown(btc, btcHigh);
    }

    /** ETH's drawdown / BTC's drawdown (E8: 3.0 is 300_000_000), or ABSENT when BTC's is below the minimum. */
    public long relativeDrawdownE8() {
        long ethDd = ethDrawdownPctE8();
        long btcDd = btcDrawdownPctE8();
        if (ethDd == MarketEvent.ABSENT || btcDd == MarketEvent.ABSENT || btcDd < config.btcDrawdownMinPctE8()) {
            return MarketEvent.ABSENT;
        }
        return FixedE8.ratio(ethDd, btcDd);
    }

    private long drawdown(LastPrice price, RollingMax high) {
        if (!price.present()) {
            return MarketEvent.ABSENT;
        }
        long h = high.isEmpty(nowMs) ? price.priceE8() : Math.max(high.max(nowMs), price.priceE8());
        return FixedE8.percent(h - price.priceE8(), h);
    }
}
