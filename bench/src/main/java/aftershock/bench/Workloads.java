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
     * The shape of exchange-core's own order-book benchmark flow: mostly "move" (price amend) commands near the
     * last trade, some GTC places, few IOCs and cancels, small sizes, ~1,000 accounts. See docs/BENCHMARKS.md.
     */
    public static Workload amendHeavy(int resting, int measured, long seed) {
        Builder b = new Builder("amend-heavy", resting, measured, seed);
        SplittableRandom r = b.rnd;
        // ~1K resting orders sit in ~750 price slots; larger books spread proportionally wider.
        int slots = Math.max(750, (int) (resting * 0.75));
        int halfSlots = slots / 2;
        for (int i = 0; i < resting; i++) {
            boolean buy = (i & 1) == 0;
            long distance = 1 + r.nextInt(halfSlots);
            b.add(Workload.GTC, buy, 1 + r.nextInt(1_000), buy ? MID - distance : MID + distance, 1 + r.nextInt(8), 0);
        }
        b.endPrefill();
        while (b.measuredSoFar() < measured) {
            int x = r.nextInt(100);
            long account = 1 + r.nextInt(1_000);
            long last = b.book.lastPriceTicks() != 0 ? b.book.lastPriceTicks() : MID;
            long bestBid = b.book.bestBidTicks();
            long bestAsk = b.book.bestAskTicks();
            int target = resting;
            boolean needMore = b.live.size < target * 9 / 10;
            boolean tooMany = b.live.size > target * 11 / 10;
            if (b.live.size == 0 || (x < 9 && !tooMany) || (needMore && x < 30)) {
                boolean buy = r.nextBoolean();
                long distance = 1 + (long) Math.abs(r.nextGaussian() * halfSlots / 3.0);
                long price = buy ? last - distance : last + distance;
                b.add(Workload.GTC, buy, account, Math.max(1, price), 1 + r.nextInt(8), 0);
            } else if (x < 12) {
                boolean buy = r.nextBoolean();
                long price = buy ? (bestAsk == 0 ? last : bestAsk) + r.nextInt(3) : (bestBid == 0 ? last : bestBid) - r.nextInt(3);
                b.add(Workload.IOC, buy, account, Math.max(1, price), 1 + r.nextInt(12), 0);
            } else if (x < 18 || tooMany) {
                int k = b.live.pick(r);
                b.add(Workload.CANCEL, false, b.accountOf(k), 0, 0, b.live.ids[k]);
            } else {
                int k = b.live.pick(r);
                long id = b.live.ids[k];
                long[] o = b.orders.get(id);
                boolean buy = o[3] == 0;
                // Move near the last trade: mostly passive, sometimes through the spread (a trade).
                long distance = (long) (r.nextGaussian() * halfSlots / 4.0);
                long price = buy ? last - Math.abs(distance) + (r.nextInt(25) == 0 ? 2 : 0)
                        : last + Math.abs(distance) - (r.nextInt(25) == 0 ? 2 : 0);
                if (price == o[1]) {
                    price += buy ? -1 : 1;
                }
                b.add(Workload.AMEND, buy, o[0], Math.max(1, price), o[2], id);
            }
        }
        return b.build();
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
            this.name = name;
            this.resting = resting;
            this.rnd = new SplittableRandom(seed);
            int cap = resting + measured + 16;
            op = new byte[cap];
            side = new byte[cap];
            account = new long[cap];
            price = new long[cap];
            qty = new long[cap];
            orderId = new long[cap];
            book = new OrderBook(INSTRUMENT, BookConfig.sized(resting * 2 + 1024), this, aftershock.engine.api.PositionSource.NONE);
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
                case Workload.MARKET -> book.placeMarket(n, acct, s, qtyLots);
                case Workload.CANCEL -> book.cancel(n, acct, id, 0L);
                case Workload.AMEND -> book.amend(n, acct, id, priceTicks, qtyLots);
                default -> throw new IllegalStateException();
            }
            long placed = book.lastOrderId();
            if (placed != before && book.remainingLots(placed) > 0) {
                live.add(placed);
                orders.put(placed, new long[] {acct, priceTicks, qtyLots, buy ? 0 : 1});
            }
            if (kind == Workload.AMEND && book.remainingLots(id) > 0) {
                long[] o = orders.get(id);
                o[1] = priceTicks;
                o[2] = qtyLots;
            }
            for (int i = 0; i < touchedCount; i++) {
                long t = touched[i];
                if (book.remainingLots(t) < 0 && orders.remove(t) != null) {
                    live.remove(t);
                }
            }
            n++;
        }

        Workload build() {
            return new Workload(name, prefill, resting, Arrays.copyOf(op, n), Arrays.copyOf(side, n),
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
