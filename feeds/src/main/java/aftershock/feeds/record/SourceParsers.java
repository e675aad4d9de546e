package aftershock.feeds.record;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedParser;
import aftershock.feeds.FeedSource;
import aftershock.feeds.binance.BinanceSpotParser;
import aftershock.feeds.binance.BinanceUsdmParser;
import aftershock.feeds.bybit.BybitParser;
import aftershock.feeds.coinbase.CoinbaseParser;
import aftershock.feeds.okx.OkxParser;

import java.util.EnumMap;
import java.util.Map;

/** The parser of each connector id, as a replay (or a live monitor) needs one of each. */
public final class SourceParsers {
    private SourceParsers() {
    }

    public static FeedParser create(FeedSource source, FeedHealth health) {
        return switch (source) {
            case BINANCE_USDM -> new BinanceUsdmParser(health);
            case BINANCE_SPOT -> new BinanceSpotParser(health);
            case COINBASE -> new CoinbaseParser(health);
            case BYBIT -> new BybitParser(health);
            case OKX -> new OkxParser(health);
        };
    }

    /** A fresh parser for every source, sharing one health. */
    public static Map<FeedSource, FeedParser> all(FeedHealth health) {
        EnumMap<FeedSource, FeedParser> parsers = new EnumMap<>(FeedSource.class);
        for (FeedSource s : FeedSource.values()) {
            parsers.put(s, create(s, health));
        }
        return parsers;
    }
}
