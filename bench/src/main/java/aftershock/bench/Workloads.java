package aftershock.bench;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.CancelReason;
import aftershock.engine.api.CommandKind;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.ExpireReason;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;
import aftershock.engine.book.OrderBook;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generators of the benchmark workloads. Each generator drives a real book while it generates, so cancels and
 * amends name orders that are live at that point of the stream, and the rejection rate stays low.
 */
public final class Workloads {
    /** The benchmark instrument: BTCUSDT's tick (0.10) and step (0.001). */
    public static final Instrument INSTRUMENT = Instruments.BTCUSDT;
    /**
     * exchange-core's benchmark instrument has plain integer prices and sizes and no minimum notional; this one keeps
     * BTCUSDT's tick and step and limits but drops the minimum notional, so that workload's small sizes are valid.
     */
    public static final Instrument BENCH_INSTRUMENT = Instrument.of("BENCHUSDT", "BENCH", "USDT",
            "0.10", "0.10", "809484", "0.001", "0.001", "1000", "1000", "0");
    /** 100,000.0 USDT in ticks of 0.10. */
    static final long MID = 1_000_000L;

    private Workloads() {
    }

    public static Workload byName(String name, int resting, int measured, long seed) {
        return switch (name) {
            case "mixed" -> mixed(resting, measured, seed);
            case "amend-heavy" -> amendHeavy(resting, measured, seed);
            default -> throw new IllegalArgumentException("unknown workload '" + name + "' (mixed, amend-heavy)");
        };
    }

    /**
     * A perpetual's order flow around the mid: about 45% limit places (mostly passive, some crossing), 35% cancels,
     * 10% market and IOC, 10% amends (half price moves, half quantity cuts), over 1,000+ price levels per side.
     */
    public static Workload mixed(int resting, int measured, long seed) {
        Builder b = new Builder("mixed", resting, measured, seed);
        int levelsPerSide = Math.max(1_000, Math.min(resting / 2, 20_000));
        SplittableRandom r = b.rnd;
        for (int i = 0; i < resting; i++) {
            boolean buy = (i & 1) == 0;
            long distance = 1 + (i / 2) % levelsPerSide;
            b.add(Workload.GTC, buy, 1 + r.nextInt(1_000), buy ? MID - distance : MID + distance, 1 + r.nextInt(100), 0);
        }
        b.endPrefill();
        while (b.measuredSoFar() < measured) {
            double x = r.nextDouble();
            boolean buy = r.nextBoolean();
            long account = 1 + r.nextInt(1_000);
            long bestBid = b.book.bestBidTicks();
            long bestAsk = b.book.bestAskTicks();
            long ref = bestBid != 0 && bestAsk != 0 ? (bestBid + bestAsk) / 2 : MID;
            if (x < 0.45 || b.live.size == 0) {
                long distance = 1 + (long) Math.min(levelsPerSide - 1, -Math.log(1 - r.nextDouble()) * levelsPerSide / 6.0);
                if (r.nextInt(20) == 0) {
                    distance = -r.nextInt(5); // aggressive: crosses the spread and trades
                }
                long price = buy ? ref - distance : ref + distance;
                b.add(Workload.GTC, buy, account, price, 1 + r.nextInt(100), 0);
            } else if (x < 0.80) {
                int k = b.live.pick(r);
                b.add(Workload.CANCEL, false, b.accountOf(k), 0, 0, b.live.ids[k]);
            } else if (x < 0.90) {
                if (r.nextBoolean()) {
                    b.add(Workload.MARKET, buy, account, 0, 1 + r.nextInt(150), 0);
                } else {
                    long price = buy ? (bestAsk == 0 ? ref : bestAsk) + r.nextInt(3) : (bestBid == 0 ? ref : bestBid) - r.nextInt(3);
                    b.add(Workload.IOC, buy, account, price, 1 + r.nextInt(150), 0);
                }
            } else {
                int k = b.live.pick(r);
                long id = b.live.ids[k];
                long[] o = b.orders.get(id);
                if (r.nextBoolean() && o[2] > 1) {
                    b.add(Workload.AMEND, o[3] == 0, o[0], o[1], o[2] - 1 - r.nextInt((int) Math.min(o[2] - 1, 10)), id);
                } else {
                    long move = 1 + r.nextInt(20);
                    long price = o[3] == 0 ? o[1] + (r.nextBoolean() ? move : -move) : o[1] + (r.nextBoolean() ? move : -move);
                    b.add(Workload.AMEND, o[3] == 0, o[0], Math.max(1, price), o[2], id);
                }
            }
        }
        return b.build();
    }

    /**
     * exchange-core's own order-book benchmark flow (its TestOrdersGenerator, as used by ITOrderBookDirectImpl), rebuilt
     * from its description: a fill of {@code resting} GTC orders, then commands that keep each side near half the
     * target: at target ~90% moves (price amends 1% of the way toward the last trade, at least one tick), 5% IOC/FOK,
     * 2.5% cancels, 2.5% reduces; below target GTC 20%, cancel 10%, reduce 10%, move 60%. Amends, cancels and reduces
     * hit one of the 512 oldest live orders. Prices start at 30,754 ticks with a ±5·1,537-tick collar; sizes are
     * 1 + a·b·c lots (a, b, c uniform in 0..5). As in exchange-core, the fill is part of the timed stream.
     */
    public static Workload amendHeavy(int resting, int measured, long seed) {
        Builder b = new Builder("amend-heavy", resting, measured, seed, BENCH_INSTRUMENT);
        SplittableRandom r = b.rnd;
        final long start = 30_754;
        final long dev = Math.min(start / 20, 10_000);
        final long minPrice = start - 5 * dev;
        final long maxPrice = start + 5 * dev;
        final int half = Math.max(1, resting / 2);
        final int fastFill = Math.min(512, half * 3 / 4);
        b.endPrefill(); // nothing untimed: the fill is measured too
        OldestLive oldest = new OldestLive(512);
        b.oldest = oldest;
        int total = resting + measured;
        while (b.measuredSoFar() < total) {
            boolean buy = r.nextInt(4) >= 2;
            long last = b.book.lastPriceTicks() != 0 ? b.book.lastPriceTicks() : start;
            int lack = half - (buy ? b.liveBuys : b.liveSells);
            boolean grow = lack > 0;
            int n = grow ? (lack > fastFill ? 2 : 10) : 40;
            int q = r.nextInt(n);
            long account = 1 + r.nextInt(1_000);
            if (q < 2 || oldest.size() == 0) {
                if (grow || oldest.size() == 0) {
                    int devDraw = 1 + (int) (Math.pow(r.nextDouble(), 2) * dev);
                    long sum = 0;
                    for (int k = 0; k < 4; k++) {
                        sum += r.nextInt(devDraw);
                    }
                    long offset = Math.abs(2 * sum / 4 - devDraw);
                    long price = buy ? last - offset : last + offset;
                    price = Math.max(minPrice, Math.min(maxPrice, price));
                    b.add(Workload.GTC, buy, account, price, 1 + (long) r.nextInt(6) * r.nextInt(6) * r.nextInt(6), 0);
                } else if (r.nextInt(32) == 0) {
                    b.add(Workload.FOK, buy, account, buy ? maxPrice : minPrice,
                            1 + (long) r.nextInt(8) * r.nextInt(8) * r.nextInt(8), 0);
                } else {
                    b.add(Workload.IOC, buy, account, buy ? maxPrice : minPrice,
                            1 + (long) r.nextInt(6) * r.nextInt(6) * r.nextInt(6), 0);
                }
                continue;
            }
            long id = oldest.pick(r);
            long[] o = b.orders.get(id);
            if (q == 2) {
                b.add(Workload.CANCEL, false, o[0], 0, 0, id);
            } else if (q == 3) {
                long remaining = b.book.remainingLots(id);
                long cut = 1 + r.nextInt((int) Math.min(Integer.MAX_VALUE - 1, remaining));
                if (cut >= remaining) {
                    b.add(Workload.CANCEL, false, o[0], 0, 0, id);
                } else {
                    b.add(Workload.AMEND, o[3] == 0, o[0], o[1], o[2] - cut, id);
                }
            } else {
                long old = o[1];
                long price;
                if (old == last) {
                    price = old + (r.nextBoolean() ? 1 : -1);
                } else {
                    long diff = last - old;
                    long step = (Math.abs(diff) + 99) / 100; // 1% of the way, rounded away from zero
                    price = old + (diff > 0 ? step : -step);
                }
                price = Math.max(minPrice, Math.min(maxPrice, price));
                b.add(Workload.AMEND, o[3] == 0, o[0], price, o[2], id);
            }
        }
        return b.build();
    }

    /** The 512 (or so) oldest live orders, in creation order, for uniform picks among them. */
    private static final class OldestLive {
        private final int windowMax;
        private final long[] window;
        private final Map<Long, Integer> windowIndex = new HashMap<>();
        private final java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>();
        private final java.util.Set<Long> deadInQueue = new java.util.HashSet<>();
        private int windowSize;

        OldestLive(int windowMax) {
            this.windowMax = windowMax;
            this.window = new long[windowMax];
        }

        int size() {
            return windowSize;
        }

        void add(long id) {
            if (windowSize < windowMax && queue.isEmpty()) {
                windowIndex.put(id, windowSize);
                window[windowSize++] = id;
            } else {
                queue.addLast(id);
            }
        }

        void remove(long id) {
            Integer at = windowIndex.remove(id);
            if (at == null) {
                deadInQueue.add(id);
                return;
            }
            // Keep creation order: shift the newer ones down, then take the next live id from the queue.
            System.arraycopy(window, at + 1, window, at, windowSize - at - 1);
            windowSize--;
            for (int i = at; i < windowSize; i++) {
                windowIndex.put(window[i], i);
            }
            while (!queue.isEmpty()) {
                long next = queue.pollFirst();
                if (!deadInQueue.remove(next)) {
                    windowIndex.put(next, windowSize);
                    window[windowSize++] = next;
                    break;
                }
            }
        }

        long pick(SplittableRandom r) {
            return window[r.nextInt(windowSize)];
        }
    }

    /** Accumulates commands while applying them to a real book to learn which orders are live. */
    private static final class Builder implements EventSink {
        final String name;
        final int resting;
        final SplittableRandom rnd;
        final OrderBook book;
        final LiveSet live = new LiveSet();
        /** id -> {account, priceTicks, totalLots, side(0 buy)} for live orders. */
        final Map<Long, long[]> orders = new HashMap<>();
        final Instrument instrument;
        OldestLive oldest;
        int liveBuys;
        int liveSells;
        int n;
        int prefill = -1;
        byte[] op;
        byte[] side;
        long[] account;
        long[] price;
        long[] qty;
        long[] orderId;
        private final long[] touched = new long[4096];
        private int touchedCount;

        Builder(String name, int resting, int measured, long seed) {
            this(name, resting, measured, seed, INSTRUMENT);
        }

        Builder(String name, int resting, int measured, long seed, Instrument instrument) {
            this.name = name;
            this.instrument = instrument;
            this.resting = resting;
            this.rnd = new SplittableRandom(seed);
            int cap = resting + measured + 16;
            op = new byte[cap];
            side = new byte[cap];
            account = new long[cap];
            price = new long[cap];
            qty = new long[cap];
            orderId = new long[cap];
            book = new OrderBook(instrument, BookConfig.sized(resting * 2 + 1024), this, aftershock.engine.api.PositionSource.NONE);
        }

        int measuredSoFar() {
            return n - prefill;
        }

        void endPrefill() {
            prefill = n;
        }

        long accountOf(int liveIndex) {
            return orders.get(live.ids[liveIndex])[0];
        }

        void add(byte kind, boolean buy, long acct, long priceTicks, long qtyLots, long id) {
            op[n] = kind;
            side[n] = (byte) (buy ? 0 : 1);
            account[n] = acct;
            price[n] = priceTicks;
            qty[n] = qtyLots;
            orderId[n] = id;
            touchedCount = 0;
            long before = book.lastOrderId();
            Side s = buy ? Side.BUY : Side.SELL;
            switch (kind) {
                case Workload.GTC -> book.placeLimit(n, acct, s, TimeInForce.GTC, priceTicks, qtyLots);
                case Workload.IOC -> book.placeLimit(n, acct, s, TimeInForce.IOC, priceTicks, qtyLots);
                case Workload.FOK -> book.placeLimit(n, acct, s, TimeInForce.FOK, priceTicks, qtyLots);
                case Workload.MARKET -> book.placeMarket(n, acct, s, qtyLots);
                case Workload.CANCEL -> book.cancel(n, acct, id, 0L);
                case Workload.AMEND -> book.amend(n, acct, id, priceTicks, qtyLots);
                default -> throw new IllegalStateException();
            }
            long placed = book.lastOrderId();
            if (placed != before && book.remainingLots(placed) > 0) {
                live.add(placed);
                orders.put(placed, new long[] {acct, priceTicks, qtyLots, buy ? 0 : 1});
                if (oldest != null) {
                    oldest.add(placed);
                }
                if (buy) {
                    liveBuys++;
                } else {
                    liveSells++;
                }
            }
            if (kind == Workload.AMEND && book.remainingLots(id) > 0) {
                long[] o = orders.get(id);
                o[1] = priceTicks;
                o[2] = qtyLots;
            }
            for (int i = 0; i < touchedCount; i++) {
                long t = touched[i];
                long[] gone;
                if (book.remainingLots(t) < 0 && (gone = orders.remove(t)) != null) {
                    live.remove(t);
                    if (oldest != null) {
                        oldest.remove(t);
                    }
                    if (gone[3] == 0) {
                        liveBuys--;
                    } else {
                        liveSells--;
                    }
                }
            }
            n++;
        }

        Workload build() {
            return new Workload(name, instrument, prefill, resting, Arrays.copyOf(op, n), Arrays.copyOf(side, n),
                    Arrays.copyOf(account, n), Arrays.copyOf(price, n), Arrays.copyOf(qty, n), Arrays.copyOf(orderId, n));
        }

        private void touch(long id) {
            if (touchedCount < touched.length) {
                touched[touchedCount++] = id;
            }
        }

        @Override
        public void accepted(long ts, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                             TimeInForce tif, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly) {
        }

        @Override
        public void rejected(long ts, CommandKind command, long accountId, long clientOrderId, long orderId, RejectReason reason) {
        }

        @Override
        public void trade(long ts, long tradeId, long priceTicks, long qtyLots, Side aggressorSide, long takerOrderId,
                          long takerAccountId, long makerOrderId, long makerAccountId) {
            touch(makerOrderId);
            touch(takerOrderId);
        }

        @Override
        public void cancelled(long ts, long orderId, long accountId, long remainingQtyLots, CancelReason reason) {
            touch(orderId);
        }

        @Override
        public void expired(long ts, long orderId, long accountId, long remainingQtyLots, ExpireReason reason) {
            touch(orderId);
        }

        @Override
        public void triggered(long ts, long orderId, long accountId, long stopPriceTicks, WorkingType workingType, long triggerPriceE8) {
        }

        @Override
        public void amended(long ts, long orderId, long accountId, long priceTicks, long qtyLots, long remainingQtyLots, boolean priorityKept) {
        }
    }

    /** Live order ids with O(1) add, remove and uniform pick. */
    private static final class LiveSet {
        long[] ids = new long[1024];
        int size;
        final Map<Long, Integer> index = new HashMap<>();

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            index.put(id, size);
            ids[size++] = id;
        }

        void remove(long id) {
            Integer at = index.remove(id);
            if (at == null) {
                return;
            }
            long lastId = ids[--size];
            if (at != size) {
                ids[at] = lastId;
                index.put(lastId, at);
            }
        }

        int pick(SplittableRandom r) {
            return r.nextInt(size);
        }
    }
}
