package aftershock.feeds.record;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pacing runs on an injected clock: the tests check the waits it asks for and never sleep. */
class ReplayPacingTest {

    /** A clock that only advances when asked to sleep, and records each sleep. */
    private static final class FakeClock implements ReplayClock {
        long now = 5_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }

    private static final String RECORDING = """
            {"ts":1000,"source":"binance-usdm","msg":{"e":"aggTrade","E":1,"s":"BTCUSDT","a":1,"p":"1","q":"1","T":1000,"m":true}}
            {"ts":1000,"source":"binance-usdm","msg":{"e":"aggTrade","E":1,"s":"BTCUSDT","a":2,"p":"1","q":"1","T":1000,"m":true}}
            {"ts":1500,"source":"binance-usdm","msg":{"e":"aggTrade","E":1,"s":"BTCUSDT","a":3,"p":"1","q":"1","T":1500,"m":true}}
            {"ts":3500,"source":"binance-usdm","msg":{"e":"aggTrade","E":1,"s":"BTCUSDT","a":4,"p":"1","q":"1","T":3500,"m":true}}
            """;

    @Test
    void atSpeedTwoTheGapsBetweenMessagesAreHalved() throws IOException {
        FakeClock clock = new FakeClock();
        List<Long> deliveredAt = new ArrayList<>();
        ReplayReport report = new Replayer(SourceParsers.all(new FeedHealth()), e -> deliveredAt.add(clock.now))
                .pacing(ReplaySpeed.parse("2"), clock)
                .replay("paced", new BufferedReader(new StringReader(RECORDING)));
        assertEquals(4, report.events());
        assertEquals(List.of(250_000_000L, 1_000_000_000L), clock.sleeps);
        long start = 5_000_000_000L;
        assertEquals(List.of(start, start, start + 250_000_000L, start + 1_250_000_000L), deliveredAt);
    }

    @Test
    void timeSpentProcessingIsNotWaitedAgain() throws IOException {
        FakeClock clock = new FakeClock();
        // Each event takes 400 ms to consume: the second and third messages are already due when their turn comes
        // (due at +0 and +500 ms, reached at +400 and +800 ms), the fourth (due at +2500 ms) is waited for.
        new Replayer(SourceParsers.all(new FeedHealth()), e -> clock.now += 400_000_000L)
                .pacing(ReplaySpeed.parse("1"), clock)
                .replay("slow", new BufferedReader(new StringReader(RECORDING)));
        assertEquals(List.of(1_300_000_000L), clock.sleeps);
    }

    @Test
    void asFastAsPossibleNeverWaits() throws IOException {
        FakeClock clock = new FakeClock();
        new Replayer(SourceParsers.all(new FeedHealth()), e -> { })
                .pacing(ReplaySpeed.asFastAsPossible(), clock)
                .replay("fast", new BufferedReader(new StringReader(RECORDING)));
        assertTrue(clock.sleeps.isEmpty());
    }

    @Test
    void speedIsAPositiveExactDecimal() {
        assertEquals(4_000_000_000L, ReplaySpeed.parse("0.5").replayNanos(2_000));
        assertEquals(0, ReplaySpeed.parse("1").replayNanos(-5), "a recording that goes back in time does not wait");
        assertEquals("speed must be a positive number, was '0'",
                assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("0")).getMessage().substring(2));
        assertThrows(IllegalArgumentException.class, () -> ReplaySpeed.parse("fast"));
        assertEquals("1.5x", ReplaySpeed.parse("1.5").toString());
        assertEquals(FeedSource.OKX, FeedSource.byId("okx").orElseThrow());
    }
}
