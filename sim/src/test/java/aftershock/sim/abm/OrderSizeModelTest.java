package aftershock.sim.abm;

import aftershock.sim.core.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ABIDES's order-size mixture. */
class OrderSizeModelTest {
    @Test
    void orderSizesFollowAbidesMixture() {
        OrderSizeModel model = new OrderSizeModel();
        Rng rng = new Rng(11, "sizes");
        int n = 200_000;
        int hundred = 0;
        int twoHundred = 0;
        int thousand = 0;
        for (int i = 0; i < n; i++) {
            long s = model.sample(rng);
            assertTrue(s >= 0, "size " + s);
            hundred += s == 100 ? 1 : 0;
            twoHundred += s == 200 ? 1 : 0;
            thousand += s == 1000 ? 1 : 0;
        }
        // Weights 0.7 (100), 0.06 (200), 0.0003 (1,000); the lognormal rarely lands exactly on them.
        assertEquals(0.70, hundred / (double) n, 0.01);
        assertEquals(0.06, twoHundred / (double) n, 0.005);
        assertEquals(0.0003, thousand / (double) n, 0.0002);
    }
}
