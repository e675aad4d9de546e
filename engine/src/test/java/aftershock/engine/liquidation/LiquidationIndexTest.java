package aftershock.engine.liquidation;

import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.Side;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.Ledger;
import aftershock.engine.margin.MarginMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiquidationIndexTest {

    @Test
    void sortedLongSetAgreesWithTreeSet() {
        long seed = 11;
        SplittableRandom r = new SplittableRandom(seed);
        SortedLongSet fast = new SortedLongSet();
        TreeSet<Long> ref = new TreeSet<>();
        for (int i = 0; i < 200_000; i++) {
            long k = r.nextLong(5_000);
            if (r.nextInt(3) == 0) {
                assertEquals(ref.remove(k), fast.remove(k), "seed=" + seed + " remove " + k);
            } else {
                assertEquals(ref.add(k), fast.add(k), "seed=" + seed + " add " + k);
            }
            assertEquals(ref.size(), fast.size());
            if (i % 5_000 == 0) {
                long from = r.nextLong(5_000);
                List<Long> up = new ArrayList<>();
                fast.ascendingFrom(from, key -> up.add(key) || true);
                assertEquals(new ArrayList<>(ref.tailSet(from, true)), up, "seed=" + seed + " ascending from " + from);
                List<Long> down = new ArrayList<>();
                fast.descendingFrom(from, key -> down.add(key) || true);
                assertEquals(new ArrayList<>(ref.headSet(from, true).descendingSet()), down, "seed=" + seed + " descending from " + from);
            }
        }
    }

    @Test
    void theIndexFindsExactlyWhatAFullScanFinds() {
        long seed = 20251103;
        SplittableRandom r = new SplittableRandom(seed);
        Ledger ledger = new Ledger(List.of(
                new Ledger.SymbolSpec(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025, FeeSchedule.BINANCE_VIP0, 20),
                new Ledger.SymbolSpec(Instruments.ETHUSDT, BracketTables.ETHUSDT_2025, FeeSchedule.BINANCE_VIP0, 20)));
        LiquidationIndex index = new LiquidationIndex(ledger);
        int accounts = 2_000;
        long maker = 1_000_000;
        ledger.deposit(maker, DecimalE8.parse("1000000000"));
        ledger.setMarkPrice(0, DecimalE8.parse("100000"));
        ledger.setMarkPrice(1, DecimalE8.parse("3500"));
        for (long a = 1; a <= accounts; a++) {
            ledger.deposit(a, DecimalE8.parse("1000") + r.nextInt(1_000_000_000));
            if (r.nextInt(3) == 0) {
                ledger.setMarginMode(a, 0, MarginMode.ISOLATED);
            }
            ledger.setLeverage(a, 0, 5 + r.nextInt(45));
            ledger.setLeverage(a, 1, 5 + r.nextInt(20));
            Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
            long btcLots = 1 + r.nextInt(200);
            long btcTicks = 990_000 + r.nextInt(20_000);
            ledger.applyFill(a, 0, side, btcTicks, btcLots, true);
            ledger.applyFill(maker, 0, side.opposite(), btcTicks, btcLots, true);
            if (r.nextInt(4) == 0) { // some cross accounts hold ETH too: indexed in the multi-symbol set
                long ethLots = 1 + r.nextInt(2_000);
                ledger.applyFill(a, 1, side, 350_000, ethLots, true);
                ledger.applyFill(maker, 1, side.opposite(), 350_000, ethLots, true);
            }
            index.update(a);
        }
        ledger.checkConservation();
        assertTrue(index.indexedPositions() > accounts / 2);
        int nonTrivial = 0;
        for (String markText : new String[] {"99000", "95000", "90000", "100500", "105000", "115000", "60000", "150000"}) {
            long mark = DecimalE8.parse(markText);
            ledger.setMarkPrice(0, mark);
            long[] out = new long[accounts + 1];
            int k = index.liquidatable(0, mark, out);
            long[] found = Arrays.copyOf(out, k);
            Arrays.sort(found);
            List<Long> scan = new ArrayList<>();
            for (long a = 1; a <= accounts; a++) {
                boolean hit = ledger.marginMode(a, 0) == MarginMode.ISOLATED ? ledger.isolatedLiquidatable(a, 0)
                        : ledger.positionLots(a, 0) != 0 && ledger.crossLiquidatable(a);
                if (hit) {
                    scan.add(a);
                }
            }
            assertEquals(scan, Arrays.stream(found).boxed().toList(), "seed=" + seed + " mark " + markText);
            if (!scan.isEmpty() && scan.size() < accounts) {
                nonTrivial++;
            }
        }
        assertTrue(nonTrivial >= 4, "most marks should liquidate some but not all accounts: " + nonTrivial);
    }

    @Test
    void theIndexAgreesWithAScanUnderRiskLimitsAndCollateral() {
        long seed = 20251010;
        SplittableRandom r = new SplittableRandom(seed);
        Ledger ledger = new Ledger(List.of(
                new Ledger.SymbolSpec(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025, FeeSchedule.BINANCE_VIP0, 20)),
                aftershock.engine.margin.MaintenanceModel.RISK_LIMIT);
        int usde = ledger.defineCollateral("USDE");
        ledger.setCollateralUnitValue(usde, DecimalE8.parse("0.9"));
        LiquidationIndex index = new LiquidationIndex(ledger);
        int accounts = 600;
        long maker = 1_000_000;
        ledger.deposit(maker, DecimalE8.parse("1000000000"));
        ledger.setMarkPrice(0, DecimalE8.parse("100000"));
        for (long a = 1; a <= accounts; a++) {
            ledger.deposit(a, DecimalE8.parse("100") + r.nextInt(1_000_000_000));
            if (r.nextBoolean()) {
                ledger.depositCollateral(a, usde, DecimalE8.parse("1000") + r.nextLong(DecimalE8.parse("100000")));
            }
            ledger.setLeverage(a, 0, 1 + r.nextInt(20));
            Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
            long lots = 1 + r.nextInt(8_000);      // up to 8 BTC: tiers 1 to 3
            ledger.applyFill(a, 0, side, 1_000_000, lots, false);
            ledger.applyFill(maker, 0, side.opposite(), 1_000_000, lots, true);
            if (r.nextInt(3) == 0) {               // shrink: the risk-limit tier stays where it was
                long back = 1 + r.nextInt((int) lots);
                ledger.applyFill(a, 0, side.opposite(), 1_000_000, back, false);
                ledger.applyFill(maker, 0, side, 1_000_000, back, true);
            }
        }
        for (long a = 1; a <= accounts; a++) {
            index.update(a);
        }
        ledger.checkConservation();
        for (String unitValue : new String[] {"0.9", "0.3", "0"}) {
            ledger.setCollateralUnitValue(usde, DecimalE8.parse(unitValue));   // a depeg: every holder re-indexed
            for (long a = 1; a <= accounts; a++) {
                index.update(a);
            }
            for (String markText : new String[] {"99000", "96000", "101000", "104000", "80000", "130000"}) {
                long mark = DecimalE8.parse(markText);
                ledger.setMarkPrice(0, mark);
                long[] out = new long[accounts + 1];
                int k = index.liquidatable(0, mark, out);
                long[] found = Arrays.copyOf(out, k);
                Arrays.sort(found);
                List<Long> scan = new ArrayList<>();
                for (long a = 1; a <= accounts; a++) {
                    if (ledger.positionLots(a, 0) != 0 && ledger.crossLiquidatable(a)) {
                        scan.add(a);
                    }
                }
                assertEquals(scan, Arrays.stream(found).boxed().toList(), "seed=" + seed + " unit value " + unitValue + " mark " + markText);
            }
        }
    }

    @Test
    void aShortBankruptAtEveryPriceIsAlwaysACandidate() {
        Ledger ledger = new Ledger(List.of(
                new Ledger.SymbolSpec(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025, FeeSchedule.BINANCE_VIP0, 20)));
        int lp = ledger.defineCollateral("LP");
        ledger.setCollateralUnitValue(lp, DecimalE8.parse("1"));
        ledger.setMarkPrice(0, DecimalE8.parse("100000"));
        ledger.deposit(2, DecimalE8.parse("1000000"));
        ledger.depositCollateral(1, lp, DecimalE8.parse("20000"));
        // A short of 0.1 at 100,000 (entry value 10,000) on 20,000 of LP tokens, then a 25,000 USDT loss elsewhere.
        ledger.applyFill(1, 0, Side.SELL, 1_000_000, 100, true);
        ledger.applyFill(2, 0, Side.BUY, 1_000_000, 100, true);
        ledger.transfer(1, 2, DecimalE8.parse("25000"));
        ledger.setCollateralUnitValue(lp, DecimalE8.parse("0.2"));      // the LP token loses 80%: 4,000 of collateral
        // USDT −25,002 + 4,000 + 10,000 of entry value < 0: no positive price makes the short solvent.
        assertEquals(0, ledger.liquidationPriceE8(1, 0));
        assertTrue(ledger.crossLiquidatable(1));
        LiquidationIndex index = new LiquidationIndex(ledger);
        index.update(1);
        long[] out = new long[4];
        assertEquals(1, index.liquidatable(0, DecimalE8.parse("100000"), out));
        assertEquals(1, out[0]);
        assertEquals(1, index.liquidatable(0, DecimalE8.parse("300"), out));
    }
}
