package aftershock.engine.book;

import aftershock.engine.api.Instrument;

final class TestInstruments {
    private TestInstruments() {
    }

    /** Tick 0.1, step 0.001, min notional 5 USDT: at ~1000.0 (10,000 ticks) an order needs ≥ 5 lots. */
    static final Instrument TEST = Instrument.of("TESTUSDT", "TEST", "USDT",
            "0.1", "0.1", "100000", "0.001", "0.001", "1000", "500", "5");
}
