package aftershock.signals;

import aftershock.feeds.FeedSource;
import aftershock.signals.ethbtc.EthBtcConfig;
import aftershock.signals.leverage.OpenInterestRebuildConfig;
import aftershock.signals.liquidation.AdlNotices;
import aftershock.signals.liquidation.LiquidationsConfig;
import aftershock.signals.premium.CoinbasePremiumConfig;
import aftershock.signals.premium.EtfFlows;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.Market;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every signal's parameters (docs/SIGNALS.md lists them with their defaults).
 *
 * @param clock        which timestamp of an event is the signals' clock
 * @param premium      the Coinbase premium
 * @param etf          the ETF flows
 * @param ethBtc       ETH/BTC
 * @param perps        the perpetuals followed for open interest, funding, the liquidation map and volume zones
 * @param openInterest the funding and open-interest rebuild parameters (all perps)
 * @param liquidations the liquidation totals
 * @param adl          the ADL notices
 */
public record SignalsConfig(Clock clock, CoinbasePremiumConfig premium, EtfFlows.Config etf, EthBtcConfig ethBtc,
                            List<Perp> perps, OpenInterestRebuildConfig openInterest,
                            LiquidationsConfig liquidations, AdlNotices.Config adl) {
    /** Which timestamp drives the clock. */
    public enum Clock {
        /**
         * The local receive time: one clock for all venues, monotonic in a recording (default). An event earlier than
         * the clock is applied at the clock's time.
         */
        RECEIVE,
        /** The venue's timestamp of the fact (the simulator's, in a simulation). */
        EXCHANGE
    }

    public SignalsConfig {
        if (clock == null || premium == null || etf == null || ethBtc == null || openInterest == null
                || liquidations == null || adl == null) {
            throw new IllegalArgumentException("signals: every section of the configuration is required");
        }
        perps = List.copyOf(perps);
        Set<String> symbols = new HashSet<>();
        for (Perp p : perps) {
            if (!symbols.add(p.symbol())) {
                throw new IllegalArgumentException("signals: perp symbol " + p.symbol() + " appears twice");
            }
        }
    }

    /** Binance USDⓈ-M BTCUSDT (US$100 buckets) and ETHUSDT (US$5 buckets), every signal at its defaults. */
    public static SignalsConfig defaults() {
        return new SignalsConfig(Clock.RECEIVE, CoinbasePremiumConfig.defaults(), EtfFlows.Config.defaults(),
                EthBtcConfig.defaults(),
                List.of(Perp.defaults(new Market(FeedSource.BINANCE_USDM, "BTCUSDT"), 100 * FixedE8.ONE),
                        Perp.defaults(new Market(FeedSource.BINANCE_USDM, "ETHUSDT"), 5 * FixedE8.ONE)),
                OpenInterestRebuildConfig.defaults(), LiquidationsConfig.defaults(), AdlNotices.Config.defaults());
    }
}
