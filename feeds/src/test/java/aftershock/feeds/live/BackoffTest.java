package aftershock.feeds.live;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    @Test
    void withoutJitterDelaysDoubleFromTheMinimumUpToTheCap() {
        Backoff b = new Backoff(500, 30_000, 20);
        List<Long> delays = new ArrayList<>();
        for (int attempt = 0; attempt < 9; attempt++) {
            delays.add(b.delayMs(attempt, Jitter.NONE));
        }
        assertEquals(List.of(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L), delays);
        assertEquals(30_000, b.delayMs(Integer.MAX_VALUE, Jitter.NONE), "no overflow however many attempts");
    }

    @Test
    void jitterTakesAtMostItsShareOffTheDelay() {
        Backoff b = new Backoff(500, 30_000, 20);
        Jitter jitter = Jitter.seeded(42);
        for (int i = 0; i < 10_000; i++) {
            int attempt = i % 10;
            long base = b.delayMs(attempt, Jitter.NONE);
            long d = b.delayMs(attempt, jitter);
            assertTrue(d <= base && d >= base - base / 5, "attempt " + attempt + ": " + d + " vs " + base);
        }
        assertEquals(400, b.delayMs(0, bound -> bound - 1), "the largest jitter: 20% of 500");
    }

    @Test
    void theSameSeedWaitsTheSameDelays() {
        Backoff b = Backoff.DEFAULT;
        Jitter first = Jitter.seeded(7);
        Jitter second = Jitter.seeded(7);
        for (int attempt = 0; attempt < 20; attempt++) {
            assertEquals(b.delayMs(attempt, first), b.delayMs(attempt, second), "attempt " + attempt);
        }
    }

    @Test
    void anInconsistentBackoffIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 100, 101));
        assertThrows(IllegalArgumentException.class, () -> Backoff.DEFAULT.delayMs(-1, Jitter.NONE));
    }
}
