package aftershock.feeds;

import java.util.Optional;

/**
 * A connector: one venue's market-data feed, named by the id used in recordings and configuration
 * ({@code binance-usdm}, {@code binance-spot}, {@code coinbase}, {@code bybit}, {@code okx}).
 */
public enum FeedSource {
    BINANCE_USDM("binance-usdm"),
    BINANCE_SPOT("binance-spot"),
    COINBASE("coinbase"),
    BYBIT("bybit"),
    OKX("okx");

    private final String id;

    FeedSource(String id) {
        this.id = id;
    }

    /** The connector id as written in recordings. */
    public String id() {
        return id;
    }

    /** The source with this connector id, if any (case-sensitive, as recordings spell it). */
    public static Optional<FeedSource> byId(String id) {
        for (FeedSource s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
