package aftershock.engine.book;

import aftershock.engine.api.CancelReason;
import aftershock.engine.api.CommandKind;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.ExpireReason;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately simple order book: one list of resting orders scanned for the best price and oldest priority on
 * every step, one list of untriggered orders scanned for the next to fire. Slow and obviously right; the fast
 * {@link OrderBook} must produce the same events, line for line. Tracks its own net positions for reduce-only.
 */
final class ReferenceBook {
    private static final class Ord {
        long id;
        long account;
        long client;
        Side side;
        OrderType type;
        TimeInForce tif;
        StpMode stp;
        long price;
        long stop;
        long remaining;
        long total;
        long filled;
        long priority;
        boolean reduceOnly;
        boolean mark;
    }

    private final Instrument instrument;
    private final EventSink sink;
    private final int maxOrders;
    private final List<Ord> resting = new ArrayList<>();
    private final List<Ord> pending = new ArrayList<>();
    private final Map<Long, Long> positions = new TreeMap<>();
    private long lastOrderId;
    private long lastTradeId;
    private long prioritySeq;
    private long last;
    private long markE8;
    private boolean stpHit;

    ReferenceBook(Instrument instrument, EventSink sink, int maxOrders) {
        this.instrument = instrument;
        this.sink = sink;
        this.maxOrders = maxOrders;
    }

    long position(long account) {
        return positions.getOrDefault(account, 0L);
    }

    private int open() {
        return resting.size() + pending.size();
    }

    private Ord findOpen(long id) {
        for (Ord o : resting) {
            if (o.id == id) {
                return o;
            }
        }
        for (Ord o : pending) {
            if (o.id == id) {
                return o;
            }
        }
        return null;
    }

    private Ord findClient(long account, long client) {
        for (Ord o : resting) {
            if (o.account == account && o.client == client) {
                return o;
            }
        }
        for (Ord o : pending) {
            if (o.account == account && o.client == client) {
                return o;
            }
        }
        return null;
    }

    private long reducible(long account, Side side) {
        long pos = position(account);
        return side == Side.BUY ? Math.max(0, -pos) : Math.max(0, pos);
    }

    private Ord bestMaker(Side takerSide) {
        Ord best = null;
        for (Ord o : resting) {
            if (o.side == takerSide) {
                continue;
            }
            if (best == null) {
                best = o;
                continue;
            }
            boolean better = takerSide == Side.BUY ? o.price < best.price : o.price > best.price;
            if (better || (o.price == best.price && o.priority < best.priority)) {
                best = o;
            }
        }
        return best;
    }

    private boolean crosses(Side side, long price) {
        Ord m = bestMaker(side);
        return m != null && (side == Side.BUY ? price >= m.price : price <= m.price);
    }

    private boolean up(Ord o) {
        return (o.side == Side.BUY) != o.type.isTakeProfit();
    }

    long place(long ts, long account, long client, Side side, OrderType type, TimeInForce tif, long price, long qty,
               long stop, WorkingType working, boolean reduceOnly, StpMode stp) {
        RejectReason r = validate(ts, account, client, side, type, tif, price, qty, stop, working, reduceOnly, stp);
        if (r != null) {
            sink.rejected(ts, CommandKind.PLACE, account, client, 0, r);
            return 0;
        }
        Ord o = new Ord();
        o.id = ++lastOrderId;
        o.account = account;
        o.client = client;
        o.side = side;
        o.type = type;
        o.tif = type.hasLimitPrice() ? tif : TimeInForce.IOC;
        o.stp = stp;
        o.price = type.hasLimitPrice() ? price : 0;
        o.stop = type.isTriggered() ? stop : 0;
        o.remaining = qty;
        o.total = qty;
        o.reduceOnly = reduceOnly;
        o.mark = working == WorkingType.MARK_PRICE;
        sink.accepted(ts, o.id, account, client, side, type, o.tif, o.price, qty, o.stop, reduceOnly);
        if (type.isTriggered()) {
            pending.add(o);
        } else {
            execute(ts, o, type.hasLimitPrice());
            triggers(ts);
        }
        return o.id;
    }

    private RejectReason validate(long ts, long account, long client, Side side, OrderType type, TimeInForce tif,
                                  long price, long qty, long stop, WorkingType working, boolean reduceOnly, StpMode stp) {
        if (side == null || type == null || stp == null || (type.hasLimitPrice() && tif == null)
                || (type.isTriggered() && working == null)) {
            return RejectReason.MISSING_FIELD;
        }
        if (account <= 0) {
            return RejectReason.INVALID_ACCOUNT;
        }
        if (ts < 0) {
            return RejectReason.INVALID_TIMESTAMP;
        }
        if (type.isTriggered() && type.hasLimitPrice() && tif == TimeInForce.GTX) {
            return RejectReason.INVALID_TIME_IN_FORCE;
        }
        if (type.hasLimitPrice()) {
            if (price <= 0) {
                return RejectReason.PRICE_NOT_POSITIVE;
            }
            if (price < instrument.minPriceTicks()) {
                return RejectReason.PRICE_BELOW_MIN;
            }
            if (price > instrument.maxPriceTicks()) {
                return RejectReason.PRICE_ABOVE_MAX;
            }
        }
        if (type.isTriggered()) {
            if (stop <= 0) {
                return RejectReason.STOP_PRICE_NOT_POSITIVE;
            }
            if (stop < instrument.minPriceTicks()) {
                return RejectReason.STOP_PRICE_BELOW_MIN;
            }
            if (stop > instrument.maxPriceTicks()) {
                return RejectReason.STOP_PRICE_ABOVE_MAX;
            }
        }
        long maxLots = type.hasLimitPrice() ? instrument.maxQtyLots() : instrument.marketMaxQtyLots();
        if (qty <= 0) {
            return RejectReason.QTY_NOT_POSITIVE;
        }
        if (qty < instrument.minQtyLots()) {
            return RejectReason.QTY_BELOW_MIN;
        }
        if (qty > maxLots) {
            return RejectReason.QTY_ABOVE_MAX;
        }
        long ref = type.hasLimitPrice() ? price : type.isTriggered() ? stop : last;
        if (!reduceOnly && ref != 0 && ref * qty < instrument.minNotionalTickLots()) {
            return RejectReason.NOTIONAL_BELOW_MIN;
        }
        if (client != 0 && findClient(account, client) != null) {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (reduceOnly && reducible(account, side) < qty) {
            return RejectReason.REDUCE_ONLY_REJECTED;
        }
        if (type.isTriggered()) {
            boolean up = (side == Side.BUY) != type.isTakeProfit();
            long refE8 = working == WorkingType.MARK_PRICE ? markE8 : last * instrument.tickSizeE8();
            long stopE8 = stop * instrument.tickSizeE8();
            if (refE8 != 0 && (up ? refE8 >= stopE8 : refE8 <= stopE8)) {
                return RejectReason.STOP_WOULD_TRIGGER_IMMEDIATELY;
            }
        } else if (type == OrderType.LIMIT && tif == TimeInForce.GTX && crosses(side, price)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        } else if (type == OrderType.LIMIT && tif == TimeInForce.FOK) {
            Ord probe = new Ord();
            probe.side = side;
            probe.account = account;
            probe.stp = stp;
            probe.remaining = qty;
            if (!canFill(probe, price)) {
                return RejectReason.FOK_WOULD_NOT_FILL;
            }
        }
        boolean mayRest = type.isTriggered() || (type == OrderType.LIMIT && (tif == TimeInForce.GTC || tif == TimeInForce.GTX));
        if (mayRest && open() >= maxOrders) {
            return RejectReason.ORDER_CAPACITY_EXCEEDED;
        }
        return null;
    }

    /** Executes o as a taker; o is not in any list. */
    private void execute(long ts, Ord o, boolean limitType) {
        long limit = limitType ? o.price : (o.side == Side.BUY ? Long.MAX_VALUE : 0);
        if (o.tif == TimeInForce.FOK && !canFill(o, limit)) {
            sink.expired(ts, o.id, o.account, o.remaining, ExpireReason.FOK_NOT_FILLED);
            return;
        }
        match(ts, o, limit);
        if (stpHit) {
            sink.expired(ts, o.id, o.account, o.remaining, ExpireReason.STP_TAKER);
            return;
        }
        if (o.remaining > 0 && limitType && (o.tif == TimeInForce.GTC || o.tif == TimeInForce.GTX)) {
            o.type = OrderType.LIMIT;
            o.priority = ++prioritySeq;
            resting.add(o);
            return;
        }
        if (o.remaining > 0) {
            sink.expired(ts, o.id, o.account, o.remaining, limitType ? ExpireReason.IOC_REMAINDER : ExpireReason.NO_LIQUIDITY);
        }
    }

    private boolean canFill(Ord o, long limit) {
        List<Ord> makers = new ArrayList<>();
        for (Ord m : resting) {
            if (m.side != o.side && (o.side == Side.BUY ? m.price <= limit : m.price >= limit)) {
                makers.add(m);
            }
        }
        makers.sort(Comparator.<Ord>comparingLong(m -> o.side == Side.BUY ? m.price : -m.price).thenComparingLong(m -> m.priority));
        long need = o.remaining;
        Map<Long, Long> used = new TreeMap<>();
        for (Ord m : makers) {
            if (m.account == o.account && o.stp != StpMode.NONE) {
                if (o.stp == StpMode.EXPIRE_MAKER) {
                    continue;
                }
                return false;
            }
            long available = m.remaining;
            if (m.reduceOnly) {
                long u = used.getOrDefault(m.account, 0L);
                available = Math.max(0, Math.min(available, reducible(m.account, m.side) - u));
                used.put(m.account, u + available);
            }
            need -= available;
            if (need <= 0) {
                return true;
            }
        }
        return false;
    }

    private void match(long ts, Ord o, long limit) {
        stpHit = false;
        while (o.remaining > 0) {
            Ord m = bestMaker(o.side);
            if (m == null || (o.side == Side.BUY ? m.price > limit : m.price < limit)) {
                return;
            }
            if (o.stp != StpMode.NONE && m.account == o.account) {
                if (o.stp == StpMode.EXPIRE_TAKER) {
                    stpHit = true;
                    return;
                }
                resting.remove(m);
                sink.expired(ts, m.id, m.account, m.remaining, ExpireReason.STP_MAKER);
                if (o.stp == StpMode.EXPIRE_BOTH) {
                    stpHit = true;
                    return;
                }
                continue;
            }
            long fill = Math.min(o.remaining, m.remaining);
            if (m.reduceOnly) {
                long allowed = reducible(m.account, m.side);
                if (allowed == 0) {
                    resting.remove(m);
                    sink.expired(ts, m.id, m.account, m.remaining, ExpireReason.REDUCE_ONLY);
                    continue;
                }
                fill = Math.min(fill, allowed);
            }
            o.remaining -= fill;
            o.filled += fill;
            m.remaining -= fill;
            m.filled += fill;
            last = m.price;
            long signed = o.side == Side.BUY ? fill : -fill;
            positions.merge(o.account, signed, Long::sum);
            positions.merge(m.account, -signed, Long::sum);
            sink.trade(ts, ++lastTradeId, m.price, fill, o.side, o.id, o.account, m.id, m.account);
            if (m.remaining == 0) {
                resting.remove(m);
            } else if (m.reduceOnly && reducible(m.account, m.side) == 0) {
                resting.remove(m);
                sink.expired(ts, m.id, m.account, m.remaining, ExpireReason.REDUCE_ONLY);
            }
        }
    }

    private Ord nextToFire(boolean markSet, boolean upSet, long refE8) {
        Ord best = null;
        for (Ord o : pending) {
            if (o.mark != markSet || up(o) != upSet) {
                continue;
            }
            long stopE8 = o.stop * instrument.tickSizeE8();
            if (!(upSet ? refE8 >= stopE8 : refE8 <= stopE8)) {
                continue;
            }
            if (best == null || (upSet ? o.stop < best.stop : o.stop > best.stop) || (o.stop == best.stop && o.id < best.id)) {
                best = o;
            }
        }
        return best;
    }

    private void triggers(long ts) {
        while (true) {
            Ord o = null;
            long ref = 0;
            WorkingType w = WorkingType.CONTRACT_PRICE;
            if (last != 0) {
                ref = last * instrument.tickSizeE8();
                o = nextToFire(false, true, ref);
                if (o == null) {
                    o = nextToFire(false, false, ref);
                }
            }
            if (o == null && markE8 != 0) {
                ref = markE8;
                w = WorkingType.MARK_PRICE;
                o = nextToFire(true, true, ref);
                if (o == null) {
                    o = nextToFire(true, false, ref);
                }
            }
            if (o == null) {
                return;
            }
            pending.remove(o);
            sink.triggered(ts, o.id, o.account, o.stop, w, ref);
            if (o.reduceOnly) {
                long allowed = Math.min(o.remaining, reducible(o.account, o.side));
                if (allowed < o.remaining) {
                    sink.expired(ts, o.id, o.account, o.remaining - allowed, ExpireReason.REDUCE_ONLY);
                    o.remaining = allowed;
                    o.total = allowed;
                    if (allowed == 0) {
                        continue;
                    }
                }
            }
            execute(ts, o, o.type.hasLimitPrice());
        }
    }

    boolean cancel(long ts, long account, long id, long client) {
        Ord o = null;
        RejectReason r = null;
        if (account <= 0) {
            r = RejectReason.INVALID_ACCOUNT;
        } else if (ts < 0) {
            r = RejectReason.INVALID_TIMESTAMP;
        } else {
            o = id != 0 ? findOpen(id) : client != 0 ? findClient(account, client) : null;
            if (o == null || o.account != account) {
                r = RejectReason.UNKNOWN_ORDER;
            }
        }
        if (r != null) {
            sink.rejected(ts, CommandKind.CANCEL, account, client, id, r);
            return false;
        }
        resting.remove(o);
        pending.remove(o);
        sink.cancelled(ts, o.id, o.account, o.remaining, CancelReason.USER);
        return true;
    }

    int cancelAll(long ts, long account) {
        if (account <= 0 || ts < 0) {
            sink.rejected(ts, CommandKind.CANCEL_ALL, account, 0, 0,
                    account <= 0 ? RejectReason.INVALID_ACCOUNT : RejectReason.INVALID_TIMESTAMP);
            return 0;
        }
        List<Ord> mine = new ArrayList<>();
        for (Ord o : resting) {
            if (o.account == account) {
                mine.add(o);
            }
        }
        for (Ord o : pending) {
            if (o.account == account) {
                mine.add(o);
            }
        }
        // Oldest first = the order in which each became open; ids are assigned in that order.
        mine.sort(Comparator.comparingLong(o -> o.id));
        for (Ord o : mine) {
            resting.remove(o);
            pending.remove(o);
            sink.cancelled(ts, o.id, o.account, o.remaining, CancelReason.CANCEL_ALL);
        }
        return mine.size();
    }

    boolean amend(long ts, long account, long id, long price, long qty) {
        RejectReason r = null;
        Ord o = null;
        if (account <= 0) {
            r = RejectReason.INVALID_ACCOUNT;
        } else if (ts < 0) {
            r = RejectReason.INVALID_TIMESTAMP;
        } else if (price <= 0) {
            r = RejectReason.PRICE_NOT_POSITIVE;
        } else if (price < instrument.minPriceTicks()) {
            r = RejectReason.PRICE_BELOW_MIN;
        } else if (price > instrument.maxPriceTicks()) {
            r = RejectReason.PRICE_ABOVE_MAX;
        } else if (qty <= 0) {
            r = RejectReason.QTY_NOT_POSITIVE;
        } else if (qty < instrument.minQtyLots()) {
            r = RejectReason.QTY_BELOW_MIN;
        } else if (qty > instrument.maxQtyLots()) {
            r = RejectReason.QTY_ABOVE_MAX;
        } else {
            o = findOpen(id);
            if (o != null && o.account != account) {
                o = null;
            }
            if (!(o != null && o.reduceOnly) && price * qty < instrument.minNotionalTickLots()) {
                r = RejectReason.NOTIONAL_BELOW_MIN;
            } else if (o == null) {
                r = RejectReason.UNKNOWN_ORDER;
            } else if (pending.contains(o) || o.type != OrderType.LIMIT) {
                r = RejectReason.AMEND_NOT_SUPPORTED;
            } else if (qty <= o.filled) {
                r = RejectReason.AMEND_QTY_NOT_ABOVE_FILLED;
            } else if (price == o.price && qty == o.total) {
                r = RejectReason.AMEND_NO_CHANGE;
            } else if (o.reduceOnly && qty - o.filled > reducible(account, o.side)) {
                r = RejectReason.REDUCE_ONLY_REJECTED;
            } else if (o.tif == TimeInForce.GTX && price != o.price && crosses(o.side, price)) {
                r = RejectReason.POST_ONLY_WOULD_TAKE;
            }
        }
        if (r != null) {
            sink.rejected(ts, CommandKind.AMEND, account, 0, id, r);
            return false;
        }
        long newRemaining = qty - o.filled;
        boolean samePrice = price == o.price;
        if (samePrice && qty < o.total) {
            o.remaining = newRemaining;
            o.total = qty;
            sink.amended(ts, o.id, o.account, price, qty, newRemaining, true);
            return true;
        }
        resting.remove(o);
        o.price = price;
        o.remaining = newRemaining;
        o.total = qty;
        sink.amended(ts, o.id, o.account, price, qty, newRemaining, false);
        if (samePrice) {
            o.priority = ++prioritySeq;
            resting.add(o);
            return true;
        }
        match(ts, o, price);
        if (stpHit) {
            sink.expired(ts, o.id, o.account, o.remaining, ExpireReason.STP_TAKER);
        } else if (o.remaining > 0) {
            o.priority = ++prioritySeq;
            resting.add(o);
        }
        triggers(ts);
        return true;
    }

    void updateMark(long ts, long e8) {
        if (ts < 0 || e8 <= 0) {
            sink.rejected(ts, CommandKind.MARK_PRICE, 0, 0, 0,
                    ts < 0 ? RejectReason.INVALID_TIMESTAMP : RejectReason.PRICE_NOT_POSITIVE);
            return;
        }
        markE8 = e8;
        triggers(ts);
    }

    long bestBid() {
        Ord m = bestMaker(Side.SELL);
        return m == null ? 0 : m.price;
    }

    long bestAsk() {
        Ord m = bestMaker(Side.BUY);
        return m == null ? 0 : m.price;
    }

    /** Resting orders of a side in priority order, as "id:price:remaining" strings. */
    List<String> l3(Side side) {
        List<Ord> mine = new ArrayList<>();
        for (Ord o : resting) {
            if (o.side == side) {
                mine.add(o);
            }
        }
        mine.sort(Comparator.<Ord>comparingLong(o -> side == Side.BUY ? -o.price : o.price).thenComparingLong(o -> o.priority));
        List<String> out = new ArrayList<>();
        for (Ord o : mine) {
            out.add(o.id + ":" + o.price + ":" + o.remaining);
        }
        return out;
    }
}
