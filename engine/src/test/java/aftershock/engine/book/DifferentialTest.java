package aftershock.engine.book;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.Side;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property tests over random command streams: the fast book must emit exactly the events of {@link ReferenceBook},
 * stay uncrossed and structurally sound after every command (whole-book audit), and account for every lot of every
 * order (filled + resting + cancelled + expired = submitted). Seeded: a failure names the seed; run one with
 * {@code -Dproperty.seed=N}, and more commands with {@code -Dproperty.commands=N}.
 */
class DifferentialTest {
    private static final int COMMANDS = Integer.getInteger("property.commands", 120_000);
    private static final long SEED = Long.getLong("property.seed", 20251103L);

    /** Drives both books with the same stream. Positions for reduce-only come from each book's own fills. */
    static final class Pair {
        final LineSink fastLines = new LineSink();
        final LineSink refLines = new LineSink();
        final Map<Long, Long> fastPositions = new TreeMap<>();
        final OrderBook fast;
        final ReferenceBook ref;

        Pair(int maxOrders, BookConfig config) {
            PositionTrackingSink tracking = new PositionTrackingSink(fastLines, fastPositions);
            fast = new OrderBook(TestInstruments.TEST, config, tracking, a -> fastPositions.getOrDefault(a, 0L));
            ref = new ReferenceBook(TestInstruments.TEST, refLines, maxOrders);
        }

        void apply(RandomCommandStream.Cmd c) {
            switch (c.kind()) {
                case RandomCommandStream.Cmd.PLACE -> {
                    fast.place(c.ts(), c.account(), c.client(), c.side(), c.type(), c.tif(), c.price(), c.qty(), c.stop(),
                            c.working(), c.reduceOnly(), c.stp());
                    ref.place(c.ts(), c.account(), c.client(), c.side(), c.type(), c.tif(), c.price(), c.qty(), c.stop(),
                            c.working(), c.reduceOnly(), c.stp());
                }
                case RandomCommandStream.Cmd.CANCEL -> {
                    fast.cancel(c.ts(), c.account(), c.orderId(), c.client());
                    ref.cancel(c.ts(), c.account(), c.orderId(), c.client());
                }
                case RandomCommandStream.Cmd.CANCEL_ALL -> {
                    fast.cancelAll(c.ts(), c.account());
                    ref.cancelAll(c.ts(), c.account());
                }
                case RandomCommandStream.Cmd.AMEND -> {
                    fast.amend(c.ts(), c.account(), c.orderId(), c.price(), c.qty());
                    ref.amend(c.ts(), c.account(), c.orderId(), c.price(), c.qty());
                }
                case RandomCommandStream.Cmd.MARK -> {
                    fast.updateMarkPrice(c.ts(), c.markE8());
                    ref.updateMark(c.ts(), c.markE8());
                }
                default -> throw new IllegalArgumentException("kind " + c.kind());
            }
        }
    }

    @Test
    void fastBookEmitsExactlyTheReferenceBooksEvents() {
        run(SEED, COMMANDS, 1_000_000, BookConfig.defaults());
    }

    @Test
    void tinyInitialStorageGrowsWithoutChangingBehaviour() {
        run(SEED + 1, Math.max(10_000, COMMANDS / 6), 1_000_000, new BookConfig(1_000_000, 1, 1));
    }

    @Test
    void capacityLimitRejectsInsteadOfGrowing() {
        run(SEED + 2, Math.max(10_000, COMMANDS / 6), 12, new BookConfig(12, 4, 2));
    }

    private static final Pattern ACCEPTED = Pattern.compile("^ACCEPTED (\\d+) acct=(\\d+) .* p=(\\d+) q=(\\d+) ");
    private static final Pattern FLOW = Pattern.compile("^(CANCELLED|EXPIRED) (\\d+) acct=\\d+ left=(\\d+) ");
    private static final Pattern TRADE = Pattern.compile("^TRADE \\d+ p=\\d+ q=(\\d+) \\w+ taker=(\\d+)/\\d+ maker=(\\d+)/");
    private static final Pattern AMENDED = Pattern.compile("^AMENDED (\\d+) acct=\\d+ p=\\d+ q=(\\d+) ");

    static void run(long seed, int commands, int maxOrders, BookConfig config) {
        RandomCommandStream stream = new RandomCommandStream(seed);
        Pair pair = new Pair(maxOrders, config);
        // Per order: {total submitted (after amends and reduce-only clipping), filled, cancelled + expired}.
        Map<Long, long[]> flows = new HashMap<>();
        int trades = 0;
        int seen = 0;
        Map<String, Integer> coverage = new TreeMap<>();
        for (int i = 0; i < commands; i++) {
            RandomCommandStream.Cmd c = stream.next();
            try {
                pair.apply(c);
                pair.fast.checkInvariants();
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + " command #" + i + " " + c + ": " + e, e);
            }
            List<String> a = pair.fastLines.lines;
            List<String> b = pair.refLines.lines;
            if (!a.equals(b)) {
                fail("seed=" + seed + " command #" + i + " " + c + "\n fast: " + a.subList(seen, a.size())
                        + "\n  ref: " + b.subList(Math.min(seen, b.size()), b.size()));
            }
            for (int k = seen; k < a.size(); k++) {
                String line = a.get(k);
                coverage.merge(coverageKey(line), 1, Integer::sum);
                Matcher m;
                if ((m = ACCEPTED.matcher(line)).find()) {
                    long id = Long.parseLong(m.group(1));
                    long q = Long.parseLong(m.group(4));
                    flows.put(id, new long[] {q, 0, 0});
                    stream.accepted(id, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), q);
                } else if ((m = TRADE.matcher(line)).find()) {
                    long q = Long.parseLong(m.group(1));
                    flows.get(Long.parseLong(m.group(2)))[1] += q;
                    flows.get(Long.parseLong(m.group(3)))[1] += q;
                    trades++;
                } else if ((m = FLOW.matcher(line)).find()) {
                    flows.get(Long.parseLong(m.group(2)))[2] += Long.parseLong(m.group(3));
                } else if ((m = AMENDED.matcher(line)).find()) {
                    // The new total counts fills; a reduce-only clip expired earlier stays part of what was submitted.
                    long[] f = flows.get(Long.parseLong(m.group(1)));
                    f[0] = Long.parseLong(m.group(2)) + f[2];
                }
            }
            a.clear();
            b.clear();
            seen = 0;
            if (i % 997 == 0) {
                assertEquals(pair.ref.l3(Side.BUY), l3(pair.fast, Side.BUY), "seed=" + seed + " bids after #" + i);
                assertEquals(pair.ref.l3(Side.SELL), l3(pair.fast, Side.SELL), "seed=" + seed + " asks after #" + i);
            }
        }
        for (Map.Entry<Long, long[]> e : flows.entrySet()) {
            long open = Math.max(0, pair.fast.remainingLots(e.getKey()));
            long[] f = e.getValue();
            if (f[1] + f[2] + open != f[0]) {
                fail("seed=" + seed + " order " + e.getKey() + ": total " + f[0] + " != filled " + f[1] + " + cancelled/expired "
                        + f[2] + " + open " + open);
            }
        }
        long sum = pair.fastPositions.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(0, sum, "seed=" + seed + " positions must sum to zero");
        if (trades < commands / 50) {
            fail("seed=" + seed + " stream too quiet to test matching: only " + trades + " trades");
        }
        System.out.println("seed=" + seed + " commands=" + commands + " coverage=" + coverage);
        // The stream must reach every rule it is meant to test, or agreement would prove little.
        for (String needed : List.of("TRADE", "TRIGGERED CONTRACT_PRICE", "TRIGGERED MARK_PRICE", "EXPIRED STP_MAKER",
                "EXPIRED STP_TAKER", "EXPIRED FOK_NOT_FILLED", "REJECTED FOK_WOULD_NOT_FILL", "EXPIRED IOC_REMAINDER", "EXPIRED NO_LIQUIDITY",
                "EXPIRED REDUCE_ONLY", "AMENDED kept=true", "AMENDED kept=false", "CANCELLED USER", "CANCELLED CANCEL_ALL",
                "REJECTED POST_ONLY_WOULD_TAKE", "REJECTED DUPLICATE_CLIENT_ORDER_ID", "REJECTED REDUCE_ONLY_REJECTED",
                "REJECTED STOP_WOULD_TRIGGER_IMMEDIATELY", "REJECTED UNKNOWN_ORDER", "REJECTED NOTIONAL_BELOW_MIN",
                "REJECTED AMEND_QTY_NOT_ABOVE_FILLED")) {
            if (maxOrders >= 1000 && !coverage.containsKey(needed)) {
                fail("seed=" + seed + " stream never produced " + needed + ": " + coverage);
            }
        }
        if (maxOrders < 1000 && !coverage.containsKey("REJECTED ORDER_CAPACITY_EXCEEDED")) {
            fail("seed=" + seed + " capacity limit never reached: " + coverage);
        }
    }

    private static String coverageKey(String line) {
        String[] f = line.split(" ");
        return switch (f[0]) {
            case "TRADE", "ACCEPTED" -> f[0];
            case "TRIGGERED" -> f[0] + " " + f[4];
            case "REJECTED" -> f[0] + " " + f[f.length - 1];
            case "AMENDED" -> f[0] + " " + f[f.length - 1];
            default -> f[0] + " " + f[f.length - 1];
        };
    }

    static List<String> l3(OrderBook book, Side side) {
        List<String> out = new ArrayList<>();
        book.forEachResting(side, (id, account, price, remaining, total) -> out.add(id + ":" + price + ":" + remaining));
        return out;
    }
}
