package aftershock.sim;

import aftershock.sim.scenario.Scenario;
import aftershock.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole-run tests on small populations: determinism, invariants under shocks, the summary's contract. */
class SimulationTest {

    /** A preset shrunk to test size: a short run and small crowds (the mechanisms are the same). */
    static Scenario small(String preset, double hours, String... more) throws Exception {
        // Fewer traders carrying proportionally less open interest (the same positions per trader as the preset).
        List<String> sets = new ArrayList<>(List.of("durationHours=" + hours, "assets.BTC.crowd.traders=6000",
                "assets.ETH.crowd.traders=4000", "assets.BTC.openInterestUsd=4.4e9", "assets.ETH.openInterestUsd=3.4e9"));
        sets.addAll(List.of(more));
        return ScenarioReader.load(preset, sets);
    }

    @Test
    void theSameSeedGivesTheSameEventLogAndAnotherSeedAnother() throws Exception {
        Scenario sc = small("calm", 0.25);
        SimResult a = new Simulation(sc, 42, false, (java.io.Writer) null).run(s -> { });
        SimResult b = new Simulation(sc, 42, false, (java.io.Writer) null).run(s -> { });
        SimResult c = new Simulation(sc, 43, false, (java.io.Writer) null).run(s -> { });
        assertEquals(a.eventLogSha256(), b.eventLogSha256());
        assertEquals(a.events(), b.events());
        assertNotEquals(a.eventLogSha256(), c.eventLogSha256());
        assertTrue(a.events() > 10_000, "a quarter hour of a market is many events: " + a.events());
    }

    @Test
    void invariantsHoldAfterEveryCommandThroughAnEarlyCrash() throws Exception {
        // The exchange audits money conservation, zero-sum positions and the books after every command; a −6% news
        // shock in the first minutes drives liquidations through the insurance fund.
        Scenario sc = small("nov-3-2025", 0.1, "shocks[0].at=00:01", "shocks[0].minutes=4", "shocks[0].changePct=-6",
                "shocks[0].volMultiplier=1", "assets.BTC.crowd.traders=1500", "assets.ETH.crowd.traders=1000",
                "assets.BTC.openInterestUsd=1.1e9", "assets.ETH.openInterestUsd=0.85e9");
        SimResult r = new Simulation(sc, 7, true, (java.io.Writer) null).run(s -> { });
        assertTrue(SimKeys.number(r.summary(), "liquidations.totalUsd") > 0, "the crash liquidated someone: " + r.summary());
    }

    @Test
    void takeProfitsRestOnTheVenueAndFireWhenTheMarkReachesThem() throws Exception {
        // Every crowd trader sets a take-profit 0.15%–0.45% away: within half an hour of calm the mark reaches some.
        SimResult r = new Simulation(small("calm", 0.5, "assets.BTC.crowd.takeProfitShare=1", "assets.BTC.crowd.takeProfitPct=0.3",
                "assets.ETH.crowd.takeProfitShare=1", "assets.ETH.crowd.takeProfitPct=0.3"), 42, false, (java.io.Writer) null).run(s -> { });
        double placed = SimKeys.number(r.summary(), "crowd.takeProfitsPlaced");
        double fired = SimKeys.number(r.summary(), "crowd.ordersTriggered");
        assertTrue(placed > 1000, "take-profits placed: " + placed);
        assertTrue(fired > 0 && fired < placed, "some fired, not all: " + fired + " of " + placed);
    }

    @Test
    void theSummaryHasEveryKeyTheIssueNames() throws Exception {
        SimResult r = new Simulation(small("nov-3-2025", 0.1), 42, false, (java.io.Writer) null).run(s -> { });
        Map<String, Object> s = r.summary();
        for (String k : List.of("liquidations.totalUsd", "liquidations.longUsd", "liquidations.shortUsd", "liquidations.accounts",
                "insuranceFund.start", "insuranceFund.end", "adl.events", "adl.maxDeviationFromMarkPct", "halts", "events",
                "wallSeconds", "seed", "eventLogSha256")) {
            assertTrue(SimKeys.has(s, k), "summary has " + k + ": " + s.keySet());
        }
        for (String sym : List.of("BTCUSDT", "ETHUSDT")) {
            for (String k : List.of("open", "low", "high", "close", "volumeUsd", "openInterestStartUsd", "openInterestEndUsd",
                    "fundingRateMin", "fundingRateMax")) {
                assertTrue(SimKeys.has(s, "instruments." + sym + "." + k), sym + "." + k);
            }
        }
        assertEquals(6, r.minuteEpochMs().length, "six minutes recorded");
        assertEquals(r.eventLogSha256(), s.get("eventLogSha256"));
    }
}
