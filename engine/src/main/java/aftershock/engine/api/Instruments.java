package aftershock.engine.api;

import java.util.List;
import java.util.Optional;

/**
 * Built-in instrument definitions with the filters Binance USDⓈ-M publishes in
 * {@code GET /fapi/v1/exchangeInfo}. Venues change these; a scenario can define its own instrument instead.
 */
public final class Instruments {
    private Instruments() {
    }

    /**
     * BTCUSDT perpetual: tick 0.10 USDT, step 0.001 BTC, max 1,000 BTC (limit and market), min notional 100 USDT.
     * Source: an exchangeInfo capture with serverTime 2025-05-30 (older captures: market max 120, max price 4,529,764).
     */
    public static final Instrument BTCUSDT = Instrument.of("BTCUSDT", "BTC", "USDT",
            "0.10", "261.10", "809484", "0.001", "0.001", "1000", "1000", "100");

    /**
     * ETHUSDT perpetual: tick 0.01 USDT, step 0.001 ETH, max 10,000 ETH (market 2,000), min notional 20 USDT.
     * Source: an exchangeInfo capture of about 2023 (no newer full capture was found).
     */
    public static final Instrument ETHUSDT = Instrument.of("ETHUSDT", "ETH", "USDT",
            "0.01", "39.86", "306177", "0.001", "0.001", "10000", "2000", "20");

    public static List<Instrument> all() {
        return List.of(BTCUSDT, ETHUSDT);
    }

    public static Optional<Instrument> bySymbol(String symbol) {
        return all().stream().filter(i -> i.symbol().equals(symbol)).findFirst();
    }
}
