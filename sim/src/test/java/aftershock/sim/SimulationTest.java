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

    private static SimResult run(Scenario sc, boolean checks) throws Exception {
        return new Simulation(sc, 42, checks, (java.io.Writer) null).run(s -> { });
    }

    /**
     * oct-10-2025 shrunk and brought forward: the tariff news at minute 1 (over 3 minutes), the USDE depeg on the
     * venue's own book (shocks[3]) from minute 4, every crowd trader posting USDE as margin.
     */
    private static Scenario depeg(String... more) throws Exception {
        List<String> sets = new ArrayList<>(List.of("shocks[0].at=00:01", "shocks[0].minutes=3", "shocks[1].at=00:01",
                "shocks[1].minutes=3", "shocks[3].at=00:04", "shocks[3].minutes=4",
                "assets.BTC.crowd.collateralShare=1", "assets.ETH.crowd.collateralShare=1"));
        sets.addAll(List.of(more));
        return small("oct-10-2025", 0.15, sets.toArray(new String[0]));
    }

    @Test
    void aDepegOnTheVenuesOwnBookLiquidatesHoldersTheRedemptionPriceWouldSpare() throws Exception {
        // As on 2025-10-10: the depeg comes right after the crash, when many accounts are near their maintenance
        // margin; valued at the venue's book, their USDE takes them over the edge.
        SimResult book = run(depeg(), false);
        SimResult redemption = run(depeg("collateral[0].pricing=redemption"), false);
        double low = SimKeys.number(book.summary(), "collateral.USDE.venueBookLow");
        assertTrue(low < 0.8, "forced selling into the venue's thin USDE book prints a depeg: low " + low);
        assertTrue(SimKeys.number(book.summary(), "collateral.USDE.crowdAccountsPosting") > 5000, "posters");
        double liqBook = SimKeys.number(book.summary(), "liquidations.accounts");
        double liqRedemption = SimKeys.number(redemption.summary(), "liquidations.accounts");
        assertTrue(liqBook > liqRedemption * 1.2, "valued at the venue's book the depeg liquidates more holders than "
                + "redemption pricing with a floor: " + liqBook + " vs " + liqRedemption);
    }

    @Test
    void aHaircutShockRevaluesEveryHolderThroughTheEngine() throws Exception {
        // No crash, no depeg: only the venue's haircut, cut to 95% at minute 4.
        SimResult cut = run(depeg("shocks[0].at=09:00", "shocks[1].at=09:00", "shocks[3].type=haircut", "shocks[3].haircutPct=95"), false);
        SimResult kept = run(depeg("shocks[0].at=09:00", "shocks[1].at=09:00", "shocks[3].notionalUsd=0"), false);
        assertEquals(95.0, SimKeys.number(cut.summary(), "collateral.USDE.haircutPctEnd"));
        double liqCut = SimKeys.number(cut.summary(), "liquidations.accounts");
        assertTrue(liqCut > SimKeys.number(kept.summary(), "liquidations.accounts") + 100,
                "a 95% haircut on every trader's margin liquidates many: " + liqCut);
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
