package aftershock.feeds;

import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.engine.api.DecimalE8.parse;
import static aftershock.feeds.FeedSource.BINANCE_USDM;
import static aftershock.feeds.MarketEvent.ABSENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The events check their own invariants: a malformed event cannot be made, so none can be emitted. */
class MarketEventTest {

    @Test
    void tradeNeedsPositivePriceAndQuantityAndAnId() {
        assertThrows(IllegalArgumentException.class, () -> trade(0, 1, "1"));
        assertThrows(IllegalArgumentException.class, () -> trade(1, -1, "1"));
        assertThrows(IllegalArgumentException.class, () -> trade(1, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new MarketEvent.Trade(BINANCE_USDM, "BTCUSDT", 0, 0, 1, 1,
                Side.BUY, "1"));
    }

    @Test
    void bookTopAndDepthMustNotBeCrossed() {
        String message = assertThrows(IllegalArgumentException.class, () -> new MarketEvent.BookTop(BINANCE_USDM,
                "BTCUSDT", 1, 1, parse("101"), 1, parse("100"), 1)).getMessage();
        assertTrue(message.contains("crossed"), message);
        assertThrows(IllegalArgumentException.class, () -> new MarketEvent.BookDepth(BINANCE_USDM, "BTCUSDT", 1, 1, 1,
                List.of(new BookLevel(101, 1)), List.of(new BookLevel(100, 1))));
        assertThrows(IllegalArgumentException.class, () -> new MarketEvent.BookDepth(BINANCE_USDM, "BTCUSDT", 1, 1, 1,
                List.of(new BookLevel(100, 1), new BookLevel(101, 1)), List.of()));
    }

    @Test
    void markFundingNeedsAtLeastOneValue() {
        assertThrows(IllegalArgumentException.class, () -> new MarketEvent.MarkFunding(BINANCE_USDM, "BTCUSDT", 1, 1,
                ABSENT, ABSENT, ABSENT, ABSENT));
        assertThrows(IllegalArgumentException.class, () -> new MarketEvent.MarkFunding(BINANCE_USDM, "BTCUSDT", 1, 1,
                -1, ABSENT, ABSENT, ABSENT));
    }

    @Test
    void logLinesAreExactAndShowAbsentValuesAsDashes() {
        assertEquals("1568014460893 1568014460999 binance-usdm LIQUIDATION BTCUSDT position=LONG price=9910 qty=0.014"
                + " sampled", new MarketEvent.Liquidation(BINANCE_USDM, "BTCUSDT", 1568014460893L, 1568014460999L,
                PositionSide.LONG, parse("9910"), parse("0.014"), true).toLogLine());
        assertEquals("5 6 binance-usdm MARK_FUNDING X mark=1.5 index=- funding=-0.0001 nextFunding=-",
                new MarketEvent.MarkFunding(BINANCE_USDM, "X", 5, 6, parse("1.5"), ABSENT, parse("-0.0001"), ABSENT)
                        .toLogLine());
    }

    @Test
    void liquidationNotionalIsExactInOneHundredTwentyEightBits() {
        MarketEvent.Liquidation big = new MarketEvent.Liquidation(BINANCE_USDM, "BTCUSDT", 1, 1, PositionSide.SHORT,
                parse("108000.12345678"), parse("50000.5"), false);
        // 108000.12345678 × 50000.5 = 5400060172.90072839: the E8 product (5.4e25) needs more than 64 bits.
        assertEquals(parse("5400060172.90072839"), big.notionalE8());
        // 0.00000001 × 0.5 = 0.000000005: rounded down.
        assertEquals(0, FixedPoint.multiplyE8(1, parse("0.5")));
        assertThrows(ArithmeticException.class, () -> FixedPoint.multiplyE8(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    private static MarketEvent.Trade trade(long price, long qty, String id) {
        return new MarketEvent.Trade(BINANCE_USDM, "BTCUSDT", 1, 1, price, qty, Side.BUY, id);
    }
}
