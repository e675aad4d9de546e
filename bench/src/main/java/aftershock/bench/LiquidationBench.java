package aftershock.bench;

import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.Side;
import aftershock.engine.liquidation.LiquidationIndex;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.Ledger;
import aftershock.engine.margin.MarginMode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * How long finding the accounts a mark move liquidates takes, by the {@link LiquidationIndex} and by a full scan of
 * every position, on the same ledger: n positions (half long, half short; 0.01–0.3 BTC; leverage 2–100×; entries around 100,000;
 * a third isolated), and a mark move down chosen so that a target share of all positions is liquidatable.
 */
public final class LiquidationBench {

    public record Result(int positions, int liquidated, double indexMs, double scanMs, long[] indexRunsNs, long[] scanRunsNs) {
        public String machineLine() {
            return String.format(Locale.ROOT, "positions=%d liquidated=%d index_ms=%.3f scan_ms=%.3f", positions, liquidated, indexMs, scanMs);
        }
    }

    private LiquidationBench() {
    }

    public static Result run(int positions, double share, int runs, long seed, IntConsumer progress) {
        SplittableRandom r = new SplittableRandom(seed);
        Ledger ledger = new Ledger(List.of(new Ledger.SymbolSpec(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                new FeeSchedule("none", 0, 0), 20)));
        LiquidationIndex index = new LiquidationIndex(ledger);
        ledger.setMarkPrice(0, DecimalE8.parse("100000"));
        int accounts = positions;
        long[] lp = new long[accounts];
        int longs = 0;
        for (int i = 0; i < accounts; i += 2) {
            long a = i + 1;
            long b = i + 2;
            ledger.deposit(a, DecimalE8.parse("20000"));
            ledger.deposit(b, DecimalE8.parse("20000"));
            if (r.nextInt(3) == 0) {
                ledger.setMarginMode(a, 0, MarginMode.ISOLATED);
            }
            ledger.setLeverage(a, 0, 2 + r.nextInt(99));
            ledger.setLeverage(b, 0, 2 + r.nextInt(99));
            long lots = 10 + r.nextInt(290);
            long ticks = 980_000 + r.nextInt(40_000);
            ledger.applyFill(a, 0, Side.BUY, ticks, lots, true);
            ledger.applyFill(b, 0, Side.SELL, ticks, lots, true);
            // Leave each long's wallet near its initial margin so liquidation prices spread below the entry.
            long keep = Math.max(ledger.initialMarginE8(a, 0), 1);
            if (ledger.marginMode(a, 0) == MarginMode.CROSS) {
                ledger.withdraw(a, Math.max(1, ledger.crossWalletE8(a) - keep));
            }
            index.update(a);
            index.update(b);
            if (i % 50_000 == 0) {
                progress.accept(i);
            }
        }
        for (int i = 0; i < accounts; i += 2) {
            lp[longs++] = ledger.liquidationPriceE8(i + 1, 0);
        }
        // The mark at which `share` of all positions (all from the long side) is liquidatable.
        long[] sorted = Arrays.copyOf(lp, longs);
        Arrays.sort(sorted);
        int target = (int) Math.round(share * positions);
        long mark = sorted[Math.max(0, longs - target)];
        ledger.setMarkPrice(0, mark);
        long[] out = new long[accounts];
        long[] indexNs = new long[runs];
        long[] scanNs = new long[runs];
        int found = 0;
        int scanned = 0;
        for (int k = 0; k < runs; k++) {
            long t0 = System.nanoTime();
            found = index.liquidatable(0, mark, out);
            long t1 = System.nanoTime();
            scanned = 0;
            for (long a = 1; a <= accounts; a++) {
                boolean hit = ledger.marginMode(a, 0) == MarginMode.ISOLATED ? ledger.isolatedLiquidatable(a, 0)
                        : ledger.crossLiquidatable(a);
                if (hit) {
                    scanned++;
                }
            }
            long t2 = System.nanoTime();
            indexNs[k] = t1 - t0;
            scanNs[k] = t2 - t1;
            progress.accept(accounts + k);
        }
        if (found != scanned) {
            throw new IllegalStateException("index found " + found + " liquidatable accounts, the scan " + scanned);
        }
        return new Result(positions, found, median(indexNs) / 1e6, median(scanNs) / 1e6, indexNs, scanNs);
    }

    private static double median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
