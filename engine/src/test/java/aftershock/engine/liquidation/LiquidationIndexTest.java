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
}
