package aftershock.signals.series;

import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;

/** One symbol at one source, as the venue spells it ({@code binance-usdm BTCUSDT}, {@code coinbase BTC-USD}). */
public record Market(FeedSource source, String symbol) {
    public Market {
        if (source == null || symbol == null || symbol.isEmpty()) {
            throw new IllegalArgumentException("a market needs a source and a symbol");
        }
    }

    public boolean matches(MarketEvent e) {
        return e.source() == source && e.symbol().equals(symbol);
    }

    /** {@code source:symbol}, e.g. {@code binance-usdm:BTCUSDT}. */
    public String key() {
        return source.id() + ":" + symbol;
    }

    @Override
    public String toString() {
        return key();
    }
}
