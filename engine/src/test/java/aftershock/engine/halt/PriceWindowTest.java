package aftershock.engine.halt;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PriceWindowTest {
    static final long S = 1_000_000_000L;

    @Test
    void theHighAndLowCoverTheWholeSecondsOfTheWindow() {
        PriceWindow w = new PriceWindow(10 * S);
        w.add(0, 100);
        w.add(3 * S, 120);
        w.add(3 * S + 5, 90);      // same second: both kept as that second's high and low
        w.add(7 * S, 110);
        assertEquals(120, w.highE8(7 * S));
        assertEquals(90, w.lowE8(7 * S));
        // At 13.5 s the window starts at second 3: 0 s has left, 3 s stays.
        assertEquals(120, w.highE8(13 * S + S / 2));
        // At 14 s second 3 has left: 110 is all that remains.
        assertEquals(110, w.highE8(14 * S));
        assertEquals(110, w.lowE8(14 * S));
        assertEquals(0, w.highE8(30 * S));
    }

    @Test
    void agreesWithAPlainListOfSamples() {
        long seed = 7;
        SplittableRandom r = new SplittableRandom(seed);
        long window = 30 * S;
        PriceWindow w = new PriceWindow(window);
        Deque<long[]> all = new ArrayDeque<>();
        long now = 0;
        for (int i = 0; i < 50_000; i++) {
            now += r.nextInt(3) == 0 ? r.nextLong(4 * S) : r.nextLong(1_000_000);
            long price = 1_000 + r.nextInt(200);
            w.add(now, price);
            all.addLast(new long[] {now / S, price});
            long oldest = Math.max(0, now - window) / S;
            while (all.peekFirst()[0] < oldest) {
                all.removeFirst();
            }
            long hi = all.stream().mapToLong(x -> x[1]).max().orElse(0);
            long lo = all.stream().mapToLong(x -> x[1]).min().orElse(0);
            assertEquals(hi, w.highE8(now), "seed=" + seed + " step " + i);
            assertEquals(lo, w.lowE8(now), "seed=" + seed + " step " + i);
        }
    }
}
