package aftershock.signals.liquidation;

import aftershock.feeds.FeedSource;
import aftershock.feeds.PositionSide;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static aftershock.signals.Ev.d;
import static aftershock.signals.Ev.liq;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LiquidationsTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 20_000 * 86_400_000L;

    private static Liquidations liquidations(Set<String> symbols) {
        return new Liquidations(new LiquidationsConfig(List.of(MINUTE, HOUR), 1_000L, symbols));
    }

    private static void feed(Liquidations l) {
        l.accept(liq(FeedSource.BYBIT, "BTCUSDT", T0, PositionSide.LONG, "100000", "1", false), T0);
        l.accept(liq(FeedSource.BINANCE_USDM, "BTCUSDT", T0 + 30_000, PositionSide.SHORT, "101000", "0.5", true),
                T0 + 30_000);
        l.accept(liq(FeedSource.BYBIT, "ETHUSDT", T0 + 61_000, PositionSide.LONG, "3600", "5.5", false),
                T0 + 61_000);
    }

    @Test
    void totalsBySideOverEachWindowInDollars() {
        Liquidations l = liquidations(Set.of());
        feed(l);
        // at 61 s the one-minute window starts at 1 s: the bucket [0 s, 1 s) has left it
        assertEquals(new Liquidations.Totals(MINUTE, d("19800"), d("50500"), 2, true), l.totals(MINUTE));
        assertEquals(new Liquidations.Totals(HOUR, d("119800"), d("50500"), 3, true), l.totals(HOUR));
        assertEquals(d("119800"), l.totalLongUsdE8());
    }

    @Test
    void totalsAreLowerBoundsOnlyWhileASampledEventIsInTheWindow() {
        Liquidations l = liquidations(Set.of());
        feed(l);
        l.advanceTo(T0 + 91_000); // the sampled short of 30 s leaves the minute
        assertEquals(new Liquidations.Totals(MINUTE, d("19800"), 0, 1, false), l.totals(MINUTE));
        assertEquals(true, l.totals(HOUR).lowerBound());
    }

    @Test
    void onlyTheConfiguredSymbolsCount() {
        Liquidations l = liquidations(Set.of("BTCUSDT"));
        feed(l);
        assertEquals(new Liquidations.Totals(HOUR, d("100000"), d("50500"), 2, true), l.totals(HOUR));
    }

    @Test
    void theAllTimeTotalSaturatesInsteadOfOverflowingOverALongSession() {
        Liquidations l = liquidations(Set.of());
        // 1,000 liquidations of 10 US$bn each over 1,000 hours: windows stay exact, the all-time total saturates.
        for (int i = 0; i < 1_000; i++) {
            l.accept(liq(FeedSource.BYBIT, "BTCUSDT", T0 + i * HOUR, PositionSide.LONG, "100000", "100000", false),
                    T0 + i * HOUR);
        }
        assertEquals(Long.MAX_VALUE, l.totalLongUsdE8());
        assertEquals(d("10000000000"), l.totals(MINUTE).longUsdE8());   // the last minute holds only the last one
    }
}
