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

    /** BTCUSDT perpetual: tick 0.10 USDT, step 0.001 BTC, min notional 100 USDT. */
    public static final Instrument BTCUSDT = Instrument.of("BTCUSDT", "BTC", "USDT",
            "0.10", "261.10", "809484", "0.001", "0.001", "1000", "120", "100");

    /** ETHUSDT perpetual: tick 0.01 USDT, step 0.001 ETH, min notional 20 USDT. */
    public static final Instrument ETHUSDT = Instrument.of("ETHUSDT", "ETH", "USDT",
            "0.01", "39.86", "306177", "0.001", "0.001", "10000", "2000", "20");

    public static List<Instrument> all() {
        return List.of(BTCUSDT, ETHUSDT);
    }

    public static Optional<Instrument> bySymbol(String symbol) {
        return all().stream().filter(i -> i.symbol().equals(symbol)).findFirst();
    }
}
