package aftershock.sim;

import aftershock.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default preset, at full scale with the default seed, stays near the documented facts of 2025-11-03
 * (events.md; docs/CALIBRATION.md has the table across seeds). The bands are wide enough for one seed's noise and
 * narrow enough to catch a mechanism that breaks the calibration (a runaway cascade, open interest that drifts, a
 * liquidation total off by an order of magnitude).
 */
class Nov3CalibrationTest {

    private static double num(Map<String, Object> s, String key) {
        Object v = SimKeys.get(s, key);
        assertTrue(v instanceof Number, key + " in the summary");
        return ((Number) v).doubleValue();
    }

    @Test
    void theDefaultRunLandsNearTheFacts() throws Exception {
        SimResult r = new Simulation(ScenarioReader.load("nov-3-2025", List.of()), 42, false, (java.io.Writer) null).run(p -> { });
        Map<String, Object> s = r.summary();
        double btcLow = num(s, "instruments.BTCUSDT.low");
        double btcClose = num(s, "instruments.BTCUSDT.close");
        double ethChange = num(s, "instruments.ETHUSDT.close") / num(s, "instruments.ETHUSDT.open") - 1;
        double liq = num(s, "liquidations.totalUsd");
        double longShare = num(s, "liquidations.longUsd") / liq;
        double oiStart = num(s, "instruments.BTCUSDT.openInterestStartUsd") + num(s, "instruments.ETHUSDT.openInterestStartUsd");
        double oiEnd = num(s, "instruments.BTCUSDT.openInterestEndUsd") + num(s, "instruments.ETHUSDT.openInterestEndUsd");
        double volume = num(s, "instruments.BTCUSDT.volumeUsd") + num(s, "instruments.ETHUSDT.volumeUsd");
        String all = String.format("BTC low %.0f close %.0f, ETH %.1f%%, liquidations $%.2fB (%.1f%% long), OI %.2f%%, volume $%.0fB",
                btcLow, btcClose, ethChange * 100, liq / 1e9, longShare * 100, (oiEnd / oiStart - 1) * 100, volume / 1e9);
        System.out.println("nov-3-2025 seed 42: " + all);
        assertTrue(Math.abs(btcLow / 105_405 - 1) < 0.04, "BTC low near 105,405: " + all);
        assertTrue(Math.abs(btcClose / 106_929 - 1) < 0.025, "BTC close near 106,929: " + all);
        assertTrue(ethChange < -0.07 && ethChange > -0.12, "ETH down ≈9%: " + all);
        assertTrue(liq > 0.5e9 && liq < 3e9, "liquidations near $1.27B: " + all);
        assertTrue(longShare > 0.8 && longShare < 0.995, "longs ≈90% (and some shorts): " + all);
        assertTrue(oiEnd / oiStart - 1 < -0.015 && oiEnd / oiStart - 1 > -0.07, "open interest down ≈4%: " + all);
        assertTrue(volume > 250e9 && volume < 500e9, "volume near $377.6B: " + all);
    }
}
