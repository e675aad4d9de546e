package aftershock.signals.premium;

import aftershock.feeds.MarketEvent;
import aftershock.feeds.etf.EtfFlowCsv;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;

import static aftershock.signals.Ev.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EtfFlowsTest {
    private static final long DAY = 86_400_000L;

    private static long midnight(String date) {
        return LocalDate.parse(date).toEpochDay() * DAY;
    }

    private static long millions(String m) {
        return d(m) * 1_000_000L;
    }

    @Test
    void outflowStreakCountsConsecutiveTradingDaysAndSumsThem() {
        EtfFlows etf = new EtfFlows(EtfFlows.Config.defaults());
        etf.add(LocalDate.parse("2025-10-29"), millions("50"));
        etf.add(LocalDate.parse("2025-10-30"), millions("-488.4"));
        etf.add(LocalDate.parse("2025-10-31"), millions("-191.6"));
        etf.add(LocalDate.parse("2025-11-03"), millions("-186.5"));
        etf.advanceTo(midnight("2025-11-04") - 1);
        assertEquals(LocalDate.parse("2025-10-31"), etf.lastDay()); // 3 Nov is published at 00:00 on 4 Nov
        assertEquals(2, etf.outflowDays());
        etf.advanceTo(midnight("2025-11-04"));
        assertEquals(3, etf.outflowDays()); // the weekend does not break it
        assertEquals(0, etf.inflowDays());
        assertEquals(millions("-866.5"), etf.streakFlowUsdE8());
        assertEquals(millions("-186.5"), etf.netFlowUsdE8());
        assertEquals(4, etf.days());
    }

    @Test
    void aZeroDayEndsBothStreaksAndAnInflowStartsOne() {
        EtfFlows etf = new EtfFlows(new EtfFlows.Config(0));
        etf.add(LocalDate.parse("2025-11-03"), millions("-186.5"));
        etf.add(LocalDate.parse("2025-11-04"), 0);
        etf.advanceTo(midnight("2025-11-04"));
        assertEquals(0, etf.outflowDays());
        assertEquals(0, etf.streakFlowUsdE8());
        etf.add(LocalDate.parse("2025-11-05"), millions("240"));
        etf.advanceTo(midnight("2025-11-05"));
        assertEquals(1, etf.inflowDays());
        assertEquals(millions("240"), etf.streakFlowUsdE8());
    }

    @Test
    void aTableDayIsTheSumOfTheFundsAndAnUnreportedDayIsSkipped() throws Exception {
        String csv = """
                Date,IBIT,FBTC,GBTC,Total
                31 Oct 2025,-100.0,(91.6),0,-191.6
                03 Nov 2025,-,-,-,-
                04 Nov 2025,-300.0,-166.4,-100.0,-566.4
                """;
        EtfFlows etf = new EtfFlows(EtfFlows.Config.defaults());
        etf.load(EtfFlowCsv.read("flows.csv", new StringReader(csv)));
        etf.advanceTo(midnight("2025-11-06"));
        assertEquals(2, etf.days());
        assertEquals(2, etf.outflowDays());
        assertEquals(millions("-758.0"), etf.streakFlowUsdE8());
        assertEquals(LocalDate.parse("2025-11-04"), etf.lastDay());
    }

    @Test
    void nothingIsKnownBeforeTheFirstPublication() {
        EtfFlows etf = new EtfFlows(EtfFlows.Config.defaults());
        etf.add(LocalDate.parse("2025-11-03"), millions("-186.5"));
        etf.advanceTo(midnight("2025-11-03"));
        assertNull(etf.lastDay());
        assertEquals(MarketEvent.ABSENT, etf.netFlowUsdE8());
    }

    @Test
    void aDayGivenTwiceIsRefused() {
        EtfFlows etf = new EtfFlows(EtfFlows.Config.defaults());
        etf.add(LocalDate.parse("2025-11-03"), 1);
        assertThrows(IllegalArgumentException.class, () -> etf.add(LocalDate.parse("2025-11-03"), 2));
    }
}
