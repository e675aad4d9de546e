package aftershock.sim.abm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workload W1 (ABIDES RMSC04 trimmed) as a whole: determinism, the book's invariants, the market it produces. */
class AbmBenchTest {

    private static AbmBench.Params hour(long seed) {
        return AbmBench.Params.w1().with("minutes", "60").with("seed", Long.toString(seed));
    }

    @Test
    void sameSeedGivesTheSameEventLogAndOutputs() {
        AbmBench.Result a = AbmBench.run(hour(7), null);
        AbmBench.Result b = AbmBench.run(hour(7), null);
        assertEquals(a.eventLogSha256(), b.eventLogSha256());
        assertEquals(a.events(), b.events());
        assertEquals(a.bookOps(), b.bookOps());
        assertEquals(a.trades(), b.trades());
        assertEquals(a.wakeups(), b.wakeups());
        assertArrayEquals(a.minuteMid(), b.minuteMid());
        assertTrue(a.eventLogSha256().matches("[0-9a-f]{64}"), a.eventLogSha256());
    }

    @Test
    void differentSeedsGiveDifferentEventLogs() {
        AbmBench.Result a = AbmBench.run(hour(7), null);
        AbmBench.Result b = AbmBench.run(hour(8), null);
        assertNotEquals(a.eventLogSha256(), b.eventLogSha256());
    }

    @Test
    void w1DayIsAHealthyMarketAndLeavesTheBookConsistent() {
        AbmBench.Params p = AbmBench.Params.w1();
        assertEquals(1_000, p.noiseAgents());
        assertEquals(100, p.valueAgents());
        assertEquals(2, p.marketMakers());
        assertEquals(390.0, p.minutes());

        AbmMarket market = new AbmMarket(p);
        List<Long> progress = new ArrayList<>();
        long loopNanos = market.run(progress::add);
        market.book().checkInvariants();
        AbmBench.Result r = AbmBench.result(market, p, loopNanos, 0);

        // Wake-ups: every noise agent once; value agents at rate 5.7e-12/ns over 23,400 s (mean 13,338, sd ~115);
        // market makers every ~60 s plus the round trip (mean ~780, sd ~28).
        assertEquals(1_000, r.noiseWakeups());
        assertInRange("value wake-ups", r.valueWakeups(), 12_900, 13_800);
        assertInRange("market-maker wake-ups", r.makerWakeups(), 680, 880);
        assertEquals(r.noiseWakeups() + r.valueWakeups() + r.makerWakeups(), r.wakeups());
        // ABIDES runs W1 at ~50k book operations a day.
        assertInRange("book ops", r.bookOps(), 35_000, 70_000);
        assertEquals(r.orders() + r.cancels(), r.bookOps());
        assertEquals(0, r.rejections());
        assertTrue(r.trades() > 5_000, "trades " + r.trades());

        // Prices: every minute has a mid, within 3% of r̄ = $1,000.00; the close has a positive spread.
        assertEquals(390, r.minuteMid().length);
        for (int m = 0; m < r.minuteMid().length; m++) {
            double mid = r.minuteMid()[m];
            assertTrue(Math.abs(mid - 1000.0) < 30.0, "minute " + m + " mid " + mid);
        }
        assertTrue(r.finalBidCents() > 0 && r.finalAskCents() > r.finalBidCents(),
                "close bid/ask " + r.finalBidCents() + "/" + r.finalAskCents());
        assertInRange("fundamental", r.fundamentalCents(), 97_000, 103_000);

        // Progress: once per simulated minute, in seconds since the open.
        assertEquals(390, progress.size());
        assertEquals(60L, progress.get(0));
        assertEquals(23_400L, progress.get(389));
    }

    @Test
    void latenciesSpanZeroToThirteenMilliseconds() {
        long[] latency = new AbmMarket(AbmBench.Params.w1()).latencyNanos();
        long max = Arrays.stream(latency).max().orElseThrow();
        long min = Arrays.stream(latency).min().orElseThrow();
        assertTrue(min >= 0 && max <= 12_900_000L, "latency range " + min + ".." + max);
        assertTrue(max > 5_000_000L, "some agents are far from the exchange: " + max);
    }

    @Test
    void scaledMultipliesEveryPopulation() {
        AbmBench.Params p = AbmBench.Params.w1().scaled(10);
        assertEquals(10_000, p.noiseAgents());
        assertEquals(1_000, p.valueAgents());
        assertEquals(20, p.marketMakers());
        assertEquals(p, AbmBench.Params.w1().with("abm.scale", "10"));
        assertEquals(1_000, AbmBench.Params.w1Dense().valueAgents());
        assertEquals(1_000, AbmBench.Params.w1Dense().noiseAgents());
    }

    @Test
    void withSetsOneParameterByNameAndNamesBadInput() {
        assertEquals(1_000, AbmBench.Params.w1().with("abm.valueAgents", "1_000").valueAgents());
        assertEquals(0.05, AbmBench.Params.w1().with("mmPov", "0.05").mmPov());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> AbmBench.Params.w1().with("valueAgent", "3"));
        assertTrue(unknown.getMessage().startsWith("abm.valueAgent: unknown parameter"), unknown.getMessage());
        IllegalArgumentException notInt = assertThrows(IllegalArgumentException.class,
                () -> AbmBench.Params.w1().with("noiseAgents", "1.5"));
        assertEquals("abm.noiseAgents: not an integer: '1.5'", notInt.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> AbmBench.Params.w1().with("valueAgents", "-1"));
        assertEquals("abm.valueAgents: invalid value -1", negative.getMessage());
    }

    @Test
    void lastLineIsMachineReadable() {
        AbmBench.Result r = AbmBench.run(AbmBench.Params.w1().with("minutes", "5"), null);
        String line = r.lastLine();
        assertTrue(line.matches("book_ops_per_sec=\\d+ wakeups_per_sec=\\d+ event_loop_s=\\d+\\.\\d{4}"), line);
    }

    private static void assertInRange(String what, long value, long lo, long hi) {
        assertTrue(value >= lo && value <= hi, what + " " + value + " not in [" + lo + ", " + hi + "]");
    }



}
