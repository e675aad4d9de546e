package aftershock.engine.margin;

import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Binance's published worked examples reproduced. Sources (stored copies, 2026-11): the USDⓈ-M FAQ "How to Calculate
 * Cost Required to Open a Position" (updated 2024) and the liquidation-price example of the FAQ "Liquidation Price
 * Calculation" as reproduced by freqtrade's tests ("From calc example"); brackets as in force for that example.
 */
class BinanceExamplesTest {

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    static final Instrument BTC = Instrument.of("BTCUSDT", "BTC", "USDT", "0.01", "0.01", "1000000", "0.001", "0.001",
            "100000", "100000", "0");
    static final Instrument ETH = Instrument.of("ETHUSDT", "ETH", "USDT", "0.01", "0.01", "1000000", "0.001", "0.001",
            "100000", "100000", "0");

    /** The older tables the example used: BTC 2.5% / cum 16,300 and ETH 10% / cum 135,365 at the example's notionals. */
    static final BracketTable BTC_OLD = BracketTable.of("BTCUSDT", "2021", "example", new String[][] {
            {"125", "0", "50000", "0.004", "0"},
            {"100", "50000", "250000", "0.005", "50"},
            {"50", "250000", "1000000", "0.01", "1300"},
            {"20", "1000000", "10000000", "0.025", "16300"},
    });
    static final BracketTable ETH_OLD = BracketTable.of("ETHUSDT", "2021", "example", new String[][] {
            {"100", "0", "10000", "0.005", "0"},
            {"75", "10000", "100000", "0.0065", "15"},
            {"50", "100000", "500000", "0.01", "365"},
            {"25", "500000", "1000000", "0.02", "5365"},
            {"10", "1000000", "2000000", "0.05", "35365"},
            {"5", "2000000", "5000000", "0.1", "135365"},
    });

    static final FeeSchedule NO_FEES = new FeeSchedule("none", 0, 0);

    @Test
    void crossLiquidationPricesOfTwoPositions() {
        Ledger ledger = new Ledger(List.of(new Ledger.SymbolSpec(BTC, BTC_OLD, NO_FEES, 20),
                new Ledger.SymbolSpec(ETH, ETH_OLD, NO_FEES, 5)));
        long trader = 1;
        long other = 2;
        assertNull(ledger.deposit(trader, e8("1535443.01")));
        assertNull(ledger.deposit(other, e8("100000000")));
        ledger.applyFill(trader, 0, Side.BUY, e8("32481.98") / BTC.tickSizeE8(), e8("109.488") / BTC.stepSizeE8(), true);
        ledger.applyFill(other, 0, Side.SELL, e8("32481.98") / BTC.tickSizeE8(), e8("109.488") / BTC.stepSizeE8(), false);
        ledger.applyFill(trader, 1, Side.BUY, e8("1456.84") / ETH.tickSizeE8(), e8("3683.979") / ETH.stepSizeE8(), true);
        ledger.applyFill(other, 1, Side.SELL, e8("1456.84") / ETH.tickSizeE8(), e8("3683.979") / ETH.stepSizeE8(), false);
        ledger.setMarkPrice(0, e8("31967.27"));
        ledger.setMarkPrice(1, e8("1335.18"));
        ledger.checkConservation();
        // Published: ETH 1,153.26 and BTC 26,316.89 (two decimals).
        assertEquals("1153.26", DecimalE8.format(round2(ledger.liquidationPriceE8(trader, 1)), 2));
        assertEquals("26316.89", DecimalE8.format(round2(ledger.liquidationPriceE8(trader, 0)), 2));
    }

    @Test
    void costToOpenAtTwentyTimes() {
        Ledger ledger = new Ledger(List.of(new Ledger.SymbolSpec(BTC, BTC_OLD, NO_FEES, 20)));
        ledger.deposit(1, e8("10000"));
        ledger.setMarkPrice(0, e8("9259.84"));
        // 1 BTC buy at 9,253.30: IM = 9,253.30 / 20 = 462.665 (the FAQ displays 462.66), no open loss.
        assertEquals(e8("462.665"), ledger.orderCostE8(1, 0, Side.BUY, e8("9253.30"), 0));
        // The same price to sell is 6.54 below the mark: open loss = 1 × |min(0, −1 × (9,259.84 − 9,253.30))| = 6.54.
        assertEquals(e8("6.54"), Exposure.openLossE8(Side.SELL, e8("1"), e8("9253.30"), e8("9259.84")));
        assertEquals(0, Exposure.openLossE8(Side.BUY, e8("1"), e8("9253.30"), e8("9259.84")));
    }

    private static long round2(long e8) {
        return Fixed.div(e8, 1_000_000L, Fixed.Round.HALF_EVEN) * 1_000_000L;
    }
}
