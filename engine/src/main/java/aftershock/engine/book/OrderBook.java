package aftershock.engine.book;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.CancelReason;
import aftershock.engine.api.Checks;
import aftershock.engine.api.CommandKind;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.ExpireReason;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.PositionSource;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.util.Arrays;
import java.util.Objects;

/**
 * A price-time priority limit order book for one perpetual contract, with matching. Prices are integral ticks,
 * quantities integral lots. Every command reports what happened through the {@link EventSink}; bad input is a
 * rejection event, never an exception.
 *
 * <p>Layout (the hot path allocates nothing once storage is sized): orders live in parallel primitive arrays
 * indexed by a slot number, recycled through a free list; each price level keeps an intrusive doubly-linked FIFO
 * of slots; each side keeps its levels in an array sorted so that the best price is at the end (matching pops from
 * the end, and most inserts land near it). Order ids and (account, client id) pairs map to slots through
 * open-addressing primitive maps. Untriggered stop orders wait in four {@link StopSet}s (up/down × last/mark).
 *
 * <p>Not thread-safe: one book is driven by one thread (the engine is single-threaded by design).
 */
public final class OrderBook {
    /** Price value meaning "none" (no best bid, no last trade): real prices are positive. */
    public static final long NO_PRICE = 0L;

    private static final int NIL = -1;
    private static final int BUY = 0;
    private static final int SELL = 1;

    private static final byte F_REDUCE_ONLY = 1;
    private static final byte F_MARK = 2;
    private static final byte F_PENDING = 4;
    /** Placed during a call auction as IOC or market: what the uncross leaves of it expires. */
    private static final byte F_AUCTION_IOC = 8;

    private static final int STP_NONE = StpMode.NONE.ordinal();
    private static final int STP_EXPIRE_TAKER = StpMode.EXPIRE_TAKER.ordinal();
    private static final int STP_EXPIRE_BOTH = StpMode.EXPIRE_BOTH.ordinal();

    private final Instrument instrument;
    private final EventSink sink;
    private final PositionSource positions;
    private final long tickE8;
    private final long minPriceTicks;
    private final long maxPriceTicks;
    private final long minQtyLots;
    private final long maxQtyLots;
    private final long marketMaxQtyLots;
    private final long minNotionalTickLots;
    private final int maxOrders;

    // ---- orders, by slot ----
    private long[] oId;
    private long[] oAccount;
    private long[] oClient;
    private long[] oPrice;
    private long[] oStop;
    private long[] oRemaining;
    private long[] oTotal;
    private long[] oFilled;
    private long[] oSeq;
    private int[] oNext;
    private int[] oPrev;
    private int[] oAccNext;
    private int[] oAccPrev;
    private int[] oLevel;
    private byte[] oSide;
    private byte[] oType;
    private byte[] oTif;
    private byte[] oStp;
    private byte[] oFlags;
    private int orderCapacity;
    private int orderHighWater;
    private int freeOrder = NIL;
    private int openOrders;

    // ---- price levels, by level index ----
    private long[] lPrice;
    private long[] lQty;
    private int[] lCount;
    private int[] lHead;
    private int[] lTail;
    private int levelHighWater;
    private int freeLevel = NIL;

    // ---- sides: level indexes sorted by key (BUY: price, SELL: -price), best at the end ----
    private final long[][] sideKeys = new long[2][];
    private final int[][] sideLevels = new int[2][];
    private final int[] sideSize = new int[2];
    /**
     * Levels whose last order left but which stay in the side array (below the best, never at it) so that an order
     * returning to that price reuses them without shifting the array. Compacted when they exceed half the side.
     */
    private final int[] emptyLevels = new int[2];
    /** Direct-mapped price → level cache per side (low bits of the price); entries always point at live levels. */
    private static final int CACHE_BITS = 16;
    private static final int CACHE_MASK = (1 << CACHE_BITS) - 1;
    private final int[][] levelCache = new int[2][1 << CACHE_BITS];

    private final OrderIndex orderSlots;
    private final LongPairIntHashMap clientSlots;
    private final LongIntHashMap accountHeads;

    private final StopSet lastUp;
    private final StopSet lastDown;
    private final StopSet markUp;
    private final StopSet markDown;

    private long lastOrderId;
    private long lastTradeId;
    private long prioritySeq;
    private long lastPriceTicks = NO_PRICE;
    private long markPriceE8 = NO_PRICE;
    private boolean stpTakerHit;
    /** Call-auction mode: new orders rest without matching (the book may cross) until {@link #uncross}. */
    private boolean auction;
    private long[] auctionIocIds = new long[16];
    private int auctionIocCount;
    // Scratch for the clearing price (cold path: grows, never shrinks).
    private long[] scratchBidPx = new long[16];
    private long[] scratchBidQty = new long[16];
    private long[] scratchAskPx = new long[16];
    private long[] scratchAskQty = new long[16];

    public OrderBook(Instrument instrument, BookConfig config, EventSink sink, PositionSource positions) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.positions = Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(config, "config");
        this.tickE8 = instrument.tickSizeE8();
        this.minPriceTicks = instrument.minPriceTicks();
        this.maxPriceTicks = instrument.maxPriceTicks();
        this.minQtyLots = instrument.minQtyLots();
        this.maxQtyLots = instrument.maxQtyLots();
        this.marketMaxQtyLots = instrument.marketMaxQtyLots();
        this.minNotionalTickLots = instrument.minNotionalTickLots();
        this.maxOrders = config.maxOrders();
        allocateOrders(config.initialOrderCapacity());
        allocateLevels(config.initialLevelCapacity());
        for (int s = 0; s < 2; s++) {
            sideKeys[s] = new long[config.initialLevelCapacity()];
            sideLevels[s] = new int[config.initialLevelCapacity()];
        }
        Arrays.fill(levelCache[BUY], NIL);
        Arrays.fill(levelCache[SELL], NIL);
        orderSlots = new OrderIndex(config.initialOrderCapacity());
        clientSlots = new LongPairIntHashMap(64);
        accountHeads = new LongIntHashMap(1024);
        lastUp = new StopSet(true, 64);
        lastDown = new StopSet(false, 64);
        markUp = new StopSet(true, 64);
        markDown = new StopSet(false, 64);
    }

    public OrderBook(Instrument instrument, EventSink sink) {
        this(instrument, BookConfig.defaults(), sink, PositionSource.NONE);
    }

    public Instrument instrument() {
        return instrument;
    }

    /**
     * Empties the book and restarts its id sequences, keeping all storage: a reset book behaves exactly like a new
     * one, without allocating (benchmarks reuse books this way).
     */
    public void reset() {
        orderSlots.clear();
        clientSlots.clear();
        accountHeads.clear();
        lastUp.clear();
        lastDown.clear();
        markUp.clear();
        markDown.clear();
        sideSize[BUY] = 0;
        sideSize[SELL] = 0;
        emptyLevels[BUY] = 0;
        emptyLevels[SELL] = 0;
        Arrays.fill(levelCache[BUY], NIL);
        Arrays.fill(levelCache[SELL], NIL);
        orderHighWater = 0;
        freeOrder = NIL;
        openOrders = 0;
        levelHighWater = 0;
        freeLevel = NIL;
        lastOrderId = 0;
        lastTradeId = 0;
        prioritySeq = 0;
        lastPriceTicks = NO_PRICE;
        markPriceE8 = NO_PRICE;
        stpTakerHit = false;
        auction = false;
        auctionIocCount = 0;
    }

    // =====================================================================================================
    // Commands
    // =====================================================================================================

    /**
     * Places an order. Returns the new order id, or 0 if the order was rejected (the rejection is an event).
     * For a MARKET order {@code priceTicks}, when positive, is a price-protection limit it will not trade beyond
     * (the remainder expires with {@link ExpireReason#PRICE_PROTECTION}); it is ignored for *_MARKET types, {@code stopPriceTicks} for non-triggered types and
     * {@code timeInForce} for market types.
     */
    public long place(long tsNanos, long accountId, long clientOrderId, Side side, OrderType type,
                      TimeInForce timeInForce, long priceTicks, long qtyLots, long stopPriceTicks,
                      WorkingType workingType, boolean reduceOnly, StpMode stpMode) {
        RejectReason reason = validatePlace(tsNanos, accountId, clientOrderId, side, type, timeInForce, priceTicks,
                qtyLots, stopPriceTicks, workingType, reduceOnly, stpMode);
        if (reason != null) {
            sink.rejected(tsNanos, CommandKind.PLACE, accountId, clientOrderId, 0L, reason);
            return 0L;
        }
        boolean limitType = type.hasLimitPrice();
        long orderId = ++lastOrderId;
        long price = limitType ? priceTicks : NO_PRICE;
        long stop = type.isTriggered() ? stopPriceTicks : NO_PRICE;
        TimeInForce tif = limitType ? timeInForce : TimeInForce.IOC;
        sink.accepted(tsNanos, orderId, accountId, clientOrderId, side, type, tif, price, qtyLots, stop, reduceOnly);

        if (type.isTriggered()) {
            int slot = allocOrder();
            initOrder(slot, orderId, accountId, clientOrderId, side, type, tif, price, stop, qtyLots, stpMode,
                    (byte) (F_PENDING | (reduceOnly ? F_REDUCE_ONLY : 0) | (workingType == WorkingType.MARK_PRICE ? F_MARK : 0)));
            registerOpen(slot);
            stopSetOf(slot).insert(stop, slot);
        } else if (auction) {
            restForAuction(orderId, accountId, clientOrderId, side, type, tif, priceTicks, qtyLots, reduceOnly, stpMode);
        } else {
            // For a market order, priceTicks (if positive) is its price-protection limit (the venue's take bound).
            execute(tsNanos, NIL, orderId, accountId, clientOrderId, side.ordinal(), type, tif,
                    limitType ? price : Math.max(0, priceTicks), qtyLots,
                    reduceOnly, stpMode.ordinal());
            runTriggers(tsNanos);
        }
        if (Checks.FULL) {
            checkInvariants();
        }
        return orderId;
    }

    /** Convenience: a GTC/IOC/FOK/GTX limit order without client id, reduce-only or STP. */
    public long placeLimit(long tsNanos, long accountId, Side side, TimeInForce tif, long priceTicks, long qtyLots) {
        return place(tsNanos, accountId, 0L, side, OrderType.LIMIT, tif, priceTicks, qtyLots, NO_PRICE,
                WorkingType.CONTRACT_PRICE, false, StpMode.NONE);
    }

    /** Convenience: a market order without client id, reduce-only or STP. */
    public long placeMarket(long tsNanos, long accountId, Side side, long qtyLots) {
        return place(tsNanos, accountId, 0L, side, OrderType.MARKET, TimeInForce.IOC, NO_PRICE, qtyLots, NO_PRICE,
                WorkingType.CONTRACT_PRICE, false, StpMode.NONE);
    }

    private RejectReason validatePlace(long tsNanos, long accountId, long clientOrderId, Side side, OrderType type,
                                       TimeInForce tif, long priceTicks, long qtyLots, long stopTicks,
                                       WorkingType workingType, boolean reduceOnly, StpMode stpMode) {
        // Stage 1: the command.
        if (side == null || type == null || stpMode == null
                || (type.hasLimitPrice() && tif == null) || (type.isTriggered() && workingType == null)) {
            return RejectReason.MISSING_FIELD;
        }
        if (accountId <= 0) {
            return RejectReason.INVALID_ACCOUNT;
        }
        if (tsNanos < 0) {
            return RejectReason.INVALID_TIMESTAMP;
        }
        if (type.isTriggered() && type.hasLimitPrice() && tif == TimeInForce.GTX) {
            return RejectReason.INVALID_TIME_IN_FORCE;
        }
        // Stage 2: prices.
        if (type.hasLimitPrice()) {
            RejectReason r = checkPrice(priceTicks);
            if (r != null) {
                return r;
            }
        }
        if (type.isTriggered()) {
            if (stopTicks <= 0) {
                return RejectReason.STOP_PRICE_NOT_POSITIVE;
            }
            if (stopTicks < minPriceTicks) {
                return RejectReason.STOP_PRICE_BELOW_MIN;
            }
            if (stopTicks > maxPriceTicks) {
                return RejectReason.STOP_PRICE_ABOVE_MAX;
            }
        }
        // Stage 3: quantity.
        RejectReason q = checkQty(qtyLots, type.hasLimitPrice() ? maxQtyLots : marketMaxQtyLots);
        if (q != null) {
            return q;
        }
        // Stage 4: notional. Market orders are valued at the last price (if any), triggered market orders at the stop.
        long refTicks = type.hasLimitPrice() ? priceTicks : type.isTriggered() ? stopTicks : lastPriceTicks;
        if (!reduceOnly && refTicks != NO_PRICE && refTicks * qtyLots < minNotionalTickLots) {
            return RejectReason.NOTIONAL_BELOW_MIN;
        }
        // Stage 5: state.
        if (clientOrderId != 0 && clientSlots.get(accountId, clientOrderId) != LongPairIntHashMap.MISSING) {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (reduceOnly && reducibleLots(accountId, side.ordinal()) < qtyLots) {
            return RejectReason.REDUCE_ONLY_REJECTED;
        }
        // Stage 6: execution conditions.
        if (type.isTriggered()) {
            StopSet set = stopSetFor(side.ordinal(), type, workingType == WorkingType.MARK_PRICE);
            long refE8 = workingType == WorkingType.MARK_PRICE ? markPriceE8 : lastPriceTicks * tickE8;
            if (refE8 != NO_PRICE && set.wouldFire(stopTicks, refE8, tickE8)) {
                return RejectReason.STOP_WOULD_TRIGGER_IMMEDIATELY;
            }
        } else if (auction && type == OrderType.LIMIT && (tif == TimeInForce.FOK || tif == TimeInForce.GTX)) {
            return RejectReason.NOT_ALLOWED_IN_AUCTION;
        } else if (type == OrderType.LIMIT && tif == TimeInForce.GTX && crosses(side.ordinal(), priceTicks)) {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        } else if (type == OrderType.LIMIT && tif == TimeInForce.FOK
                && !canFill(side.ordinal(), priceTicks, qtyLots, accountId, stpMode.ordinal())) {
            return RejectReason.FOK_WOULD_NOT_FILL;
        }
        // Stage 7: capacity. Anything that may rest needs a slot.
        boolean mayRest = type.isTriggered() || auction
                || (type == OrderType.LIMIT && (tif == TimeInForce.GTC || tif == TimeInForce.GTX));
        if (mayRest && freeOrder == NIL && orderHighWater >= maxOrders) {
            return RejectReason.ORDER_CAPACITY_EXCEEDED;
        }
        return null;
    }

    private RejectReason checkPrice(long priceTicks) {
        if (priceTicks <= 0) {
            return RejectReason.PRICE_NOT_POSITIVE;
        }
        if (priceTicks < minPriceTicks) {
            return RejectReason.PRICE_BELOW_MIN;
        }
        if (priceTicks > maxPriceTicks) {
            return RejectReason.PRICE_ABOVE_MAX;
        }
        return null;
    }

    private RejectReason checkQty(long qtyLots, long maxLots) {
        if (qtyLots <= 0) {
            return RejectReason.QTY_NOT_POSITIVE;
        }
        if (qtyLots < minQtyLots) {
            return RejectReason.QTY_BELOW_MIN;
        }
        if (qtyLots > maxLots) {
            return RejectReason.QTY_ABOVE_MAX;
        }
        return null;
    }

    /** Lots an order on this side may trade without increasing the account's position (0 if it would increase). */
    private long reducibleLots(long accountId, int side) {
        long pos = positions.positionLots(accountId);
        if (side == BUY) {
            return pos < 0 ? -pos : 0;
        }
        return pos > 0 ? pos : 0;
    }

    private boolean crosses(int side, long priceTicks) {
        int opp = side ^ 1;
        int n = sideSize[opp];
        if (n == 0) {
            return false;
        }
        long best = lPrice[sideLevels[opp][n - 1]];
        return side == BUY ? priceTicks >= best : priceTicks <= best;
    }

    /**
     * Cancels one open order (resting or untriggered): by {@code orderId}, or when it is 0 by the account's
     * {@code clientOrderId}. Returns whether it was cancelled.
     */
    public boolean cancel(long tsNanos, long accountId, long orderId, long clientOrderId) {
        RejectReason reason = null;
        int slot = NIL;
        if (accountId <= 0) {
            reason = RejectReason.INVALID_ACCOUNT;
        } else if (tsNanos < 0) {
            reason = RejectReason.INVALID_TIMESTAMP;
        } else {
            slot = orderId != 0 ? orderSlots.get(orderId, oId)
                    : clientOrderId != 0 ? clientSlots.get(accountId, clientOrderId) : NIL;
            if (slot == NIL || oAccount[slot] != accountId) {
                reason = RejectReason.UNKNOWN_ORDER;
            }
        }
        if (reason != null) {
            sink.rejected(tsNanos, CommandKind.CANCEL, accountId, clientOrderId, orderId, reason);
            return false;
        }
        cancelSlot(tsNanos, slot, CancelReason.USER);
        if (Checks.FULL) {
            checkInvariants();
        }
        return true;
    }

    /** Cancels every open order of the account, oldest first. Returns how many were cancelled. */
    public int cancelAll(long tsNanos, long accountId) {
        if (accountId <= 0 || tsNanos < 0) {
            sink.rejected(tsNanos, CommandKind.CANCEL_ALL, accountId, 0L, 0L,
                    accountId <= 0 ? RejectReason.INVALID_ACCOUNT : RejectReason.INVALID_TIMESTAMP);
            return 0;
        }
        int head = accountHeads.get(accountId);
        if (head == LongIntHashMap.MISSING || head == NIL) {
            return 0;
        }
        int oldest = head;
        while (oAccNext[oldest] != NIL) {
            oldest = oAccNext[oldest];
        }
        int count = 0;
        int slot = oldest;
        while (slot != NIL) {
            int newer = oAccPrev[slot];
            cancelSlot(tsNanos, slot, CancelReason.CANCEL_ALL);
            count++;
            slot = newer;
        }
        if (Checks.FULL) {
            checkInvariants();
        }
        return count;
    }

    private void cancelSlot(long tsNanos, int slot, CancelReason reason) {
        long id = oId[slot];
        long account = oAccount[slot];
        long remaining = oRemaining[slot];
        if ((oFlags[slot] & F_PENDING) != 0) {
            if (!stopSetOf(slot).remove(oStop[slot], slot)) {
                throw new IllegalStateException("untriggered order " + id + " missing from its stop set");
            }
        } else {
            unlinkFromLevel(slot);
        }
        releaseOrder(slot);
        sink.cancelled(tsNanos, id, account, remaining, reason);
    }

    /**
     * Amends a resting LIMIT order to a new price and a new total quantity (including the filled part), as
     * Binance's modify-order does. Same price and smaller quantity keeps time priority; anything else re-queues
     * the order at the back of its (new) level, and a new price that crosses trades at once as a taker.
     * Returns whether the amendment was accepted.
     */
    public boolean amend(long tsNanos, long accountId, long orderId, long newPriceTicks, long newQtyLots) {
        RejectReason reason = null;
        int slot = NIL;
        if (accountId <= 0) {
            reason = RejectReason.INVALID_ACCOUNT;
        } else if (tsNanos < 0) {
            reason = RejectReason.INVALID_TIMESTAMP;
        }
        if (reason == null) {
            reason = checkPrice(newPriceTicks);
        }
        if (reason == null) {
            reason = checkQty(newQtyLots, maxQtyLots);
        }
        if (reason == null) {
            slot = orderSlots.get(orderId, oId);
            if (slot != NIL && oAccount[slot] != accountId) {
                slot = NIL;
            }
            // Reduce-only orders are exempt from the minimum notional (Binance -4164 "unless you choose reduce only").
            boolean exempt = slot != NIL && (oFlags[slot] & F_REDUCE_ONLY) != 0;
            if (!exempt && newPriceTicks * newQtyLots < minNotionalTickLots) {
                reason = RejectReason.NOTIONAL_BELOW_MIN;
            } else if (slot == NIL) {
                reason = RejectReason.UNKNOWN_ORDER;
            }
        }
        if (reason == null) {
            if ((oFlags[slot] & F_PENDING) != 0 || oType[slot] != OrderType.LIMIT.ordinal()) {
                reason = RejectReason.AMEND_NOT_SUPPORTED;
            } else if (newQtyLots <= oFilled[slot]) {
                reason = RejectReason.AMEND_QTY_NOT_ABOVE_FILLED;
            } else if (newPriceTicks == oPrice[slot] && newQtyLots == oTotal[slot]) {
                reason = RejectReason.AMEND_NO_CHANGE;
            } else if ((oFlags[slot] & F_REDUCE_ONLY) != 0
                    && newQtyLots - oFilled[slot] > reducibleLots(accountId, oSide[slot])) {
                reason = RejectReason.REDUCE_ONLY_REJECTED;
            } else if (oTif[slot] == TimeInForce.GTX.ordinal() && newPriceTicks != oPrice[slot]
                    && crosses(oSide[slot], newPriceTicks)) {
                reason = RejectReason.POST_ONLY_WOULD_TAKE;
            }
        }
        if (reason != null) {
            sink.rejected(tsNanos, CommandKind.AMEND, accountId, 0L, orderId, reason);
            return false;
        }
        long newRemaining = newQtyLots - oFilled[slot];
        if (newPriceTicks == oPrice[slot]) {
            if (newQtyLots < oTotal[slot]) {
                int lvl = oLevel[slot];
                lQty[lvl] -= oRemaining[slot] - newRemaining;
                oRemaining[slot] = newRemaining;
                oTotal[slot] = newQtyLots;
                sink.amended(tsNanos, orderId, accountId, newPriceTicks, newQtyLots, newRemaining, true);
            } else {
                unlinkFromLevel(slot);
                oRemaining[slot] = newRemaining;
                oTotal[slot] = newQtyLots;
                sink.amended(tsNanos, orderId, accountId, newPriceTicks, newQtyLots, newRemaining, false);
                linkToLevel(slot, levelFor(oSide[slot], newPriceTicks));
            }
        } else {
            unlinkFromLevel(slot);
            oPrice[slot] = newPriceTicks;
            oRemaining[slot] = newRemaining;
            oTotal[slot] = newQtyLots;
            sink.amended(tsNanos, orderId, accountId, newPriceTicks, newQtyLots, newRemaining, false);
            int side = oSide[slot];
            if (auction || !crosses(side, newPriceTicks)) {
                // The common move: a passive re-queue, no trade, so no trigger can fire.
                linkToLevel(slot, levelFor(side, newPriceTicks));
                if (Checks.FULL) {
                    checkInvariants();
                }
                return true;
            }
            long left = match(tsNanos, orderId, accountId, side, newPriceTicks, newRemaining, oStp[slot]);
            if (stpTakerHit) {
                oRemaining[slot] = left;
                releaseOrder(slot);
                sink.expired(tsNanos, orderId, accountId, left, ExpireReason.STP_TAKER);
            } else if (left > 0) {
                oFilled[slot] += newRemaining - left;
                oRemaining[slot] = left;
                linkToLevel(slot, levelFor(side, newPriceTicks));
            } else {
                oRemaining[slot] = 0;
                releaseOrder(slot);
            }
            runTriggers(tsNanos);
        }
        if (Checks.FULL) {
            checkInvariants();
        }
        return true;
    }

    /** Sets the mark price (E8) and fires MARK_PRICE-triggered orders it reaches. */
    public void updateMarkPrice(long tsNanos, long newMarkPriceE8) {
        if (tsNanos < 0 || newMarkPriceE8 <= 0) {
            sink.rejected(tsNanos, CommandKind.MARK_PRICE, 0L, 0L, 0L,
                    tsNanos < 0 ? RejectReason.INVALID_TIMESTAMP : RejectReason.PRICE_NOT_POSITIVE);
            return;
        }
        markPriceE8 = newMarkPriceE8;
        if (!auction) {
            runTriggers(tsNanos); // in a call auction nothing trades until the uncross
        }
        if (Checks.FULL) {
            checkInvariants();
        }
    }

    // =====================================================================================================
    // Execution
    // =====================================================================================================

    /**
     * Executes an accepted (or just triggered) order as a taker and rests or expires what is left.
     * {@code slot} is the order's slot if it already has one (a triggered order), else NIL.
     */
    private void execute(long ts, int slot, long orderId, long accountId, long clientOrderId, int side, OrderType type,
                         TimeInForce tif, long priceTicks, long qtyLots, boolean reduceOnly, int stp) {
        boolean limitType = type.hasLimitPrice();
        boolean protectedMarket = !limitType && priceTicks > 0;
        long limit = limitType || protectedMarket ? priceTicks : (side == BUY ? Long.MAX_VALUE : 0L);
        if (tif == TimeInForce.FOK && !canFill(side, limit, qtyLots, accountId, stp)) {
            if (slot != NIL) {
                releaseOrder(slot);
            }
            sink.expired(ts, orderId, accountId, qtyLots, ExpireReason.FOK_NOT_FILLED);
            return;
        }
        long left = match(ts, orderId, accountId, side, limit, qtyLots, stp);
        if (stpTakerHit) {
            if (slot != NIL) {
                releaseOrder(slot);
            }
            sink.expired(ts, orderId, accountId, left, ExpireReason.STP_TAKER);
            return;
        }
        if (left > 0 && limitType && (tif == TimeInForce.GTC || tif == TimeInForce.GTX)) {
            if (slot == NIL) {
                slot = allocOrder();
                initOrder(slot, orderId, accountId, clientOrderId, Side.ofOrdinal(side), OrderType.LIMIT, tif,
                        priceTicks, NO_PRICE, qtyLots, StpMode.ofOrdinal(stp), reduceOnly ? F_REDUCE_ONLY : 0);
                registerOpen(slot);
            } else {
                oType[slot] = (byte) OrderType.LIMIT.ordinal();
            }
            oFilled[slot] = qtyLots - left;
            oRemaining[slot] = left;
            linkToLevel(slot, levelFor(side, priceTicks));
            return;
        }
        if (slot != NIL) {
            releaseOrder(slot);
        }
        if (left > 0) {
            sink.expired(ts, orderId, accountId, left, limitType ? ExpireReason.IOC_REMAINDER
                    : protectedMarket ? ExpireReason.PRICE_PROTECTION : ExpireReason.NO_LIQUIDITY);
        }
    }

    /**
     * Matches a taker against the opposite side up to {@code limit} (ticks, inclusive). Returns the quantity left.
     * Sets {@link #stpTakerHit} when self-trade prevention stopped the taker.
     */
    private long match(long ts, long takerId, long takerAccount, int side, long limit, long qty, int stp) {
        stpTakerHit = false;
        int opp = side ^ 1;
        int[] levels = sideLevels[opp];
        Side aggressor = side == BUY ? Side.BUY : Side.SELL;
        while (qty > 0) {
            int n = sideSize[opp];
            if (n == 0) {
                break;
            }
            int lvl = levels[n - 1];
            long px = lPrice[lvl];
            if (side == BUY ? px > limit : px < limit) {
                break;
            }
            int slot = lHead[lvl];
            while (slot != NIL && qty > 0) {
                int next = oNext[slot];
                long makerAccount = oAccount[slot];
                if (stp != STP_NONE && makerAccount == takerAccount) {
                    if (stp == STP_EXPIRE_TAKER) {
                        stpTakerHit = true;
                        return qty;
                    }
                    long makerId = oId[slot];
                    long makerLeft = oRemaining[slot];
                    unlinkFromLevel(slot);
                    releaseOrder(slot);
                    sink.expired(ts, makerId, makerAccount, makerLeft, ExpireReason.STP_MAKER);
                    if (stp == STP_EXPIRE_BOTH) {
                        stpTakerHit = true;
                        return qty;
                    }
                    slot = next;
                    continue;
                }
                long makerLeft = oRemaining[slot];
                long fill = Math.min(qty, makerLeft);
                boolean makerReduceOnly = (oFlags[slot] & F_REDUCE_ONLY) != 0;
                if (makerReduceOnly) {
                    // A resting reduce-only order may only trade what still reduces its account's position.
                    long allowed = reducibleLots(makerAccount, opp);
                    if (allowed == 0) {
                        expireReduceOnlyMaker(ts, slot);
                        slot = next;
                        continue;
                    }
                    fill = Math.min(fill, allowed);
                }
                qty -= fill;
                makerLeft -= fill;
                oRemaining[slot] = makerLeft;
                oFilled[slot] += fill;
                lQty[lvl] -= fill;
                lastPriceTicks = px;
                sink.trade(ts, ++lastTradeId, px, fill, aggressor, takerId, takerAccount, oId[slot], makerAccount);
                if (makerLeft == 0) {
                    unlinkFromLevel(slot);
                    releaseOrder(slot);
                } else if (makerReduceOnly && reducibleLots(makerAccount, opp) == 0) {
                    expireReduceOnlyMaker(ts, slot); // its position is closed: nothing left to reduce
                }
                slot = next;
            }
        }
        return qty;
    }

    private void expireReduceOnlyMaker(long ts, int slot) {
        long id = oId[slot];
        long account = oAccount[slot];
        long left = oRemaining[slot];
        unlinkFromLevel(slot);
        releaseOrder(slot);
        sink.expired(ts, id, account, left, ExpireReason.REDUCE_ONLY);
    }

    // Scratch for canFill: per-account lots already counted against reduce-only makers (grows, never shrinks).
    private long[] scratchAccounts = new long[8];
    private long[] scratchUsed = new long[8];

    /** Lots a reduce-only maker can still contribute in a dry run, given what its account's orders already did. */
    private long reduceOnlyContribution(int slot, int makerSide, int scratchSize, long remaining) {
        long account = oAccount[slot];
        int k = 0;
        while (k < scratchSize && scratchAccounts[k] != account) {
            k++;
        }
        long used = k < scratchSize ? scratchUsed[k] : 0;
        long c = Math.max(0, Math.min(remaining, reducibleLots(account, makerSide) - used));
        if (k == scratchSize) {
            if (k == scratchAccounts.length) {
                scratchAccounts = Arrays.copyOf(scratchAccounts, k * 2);
                scratchUsed = Arrays.copyOf(scratchUsed, k * 2);
            }
            scratchAccounts[k] = account;
            scratchUsed[k] = 0;
        }
        scratchUsed[k] += c;
        return c;
    }

    /** FOK pre-check: can {@code qty} be filled in full up to {@code limit}, honouring self-trade prevention? */
    private boolean canFill(int side, long limit, long qty, long account, int stp) {
        int opp = side ^ 1;
        int[] levels = sideLevels[opp];
        long need = qty;
        int scratchSize = 0;
        for (int i = sideSize[opp] - 1; i >= 0; i--) {
            int lvl = levels[i];
            long px = lPrice[lvl];
            if (side == BUY ? px > limit : px < limit) {
                return false;
            }
            for (int slot = lHead[lvl]; slot != NIL; slot = oNext[slot]) {
                if (stp != STP_NONE && oAccount[slot] == account) {
                    if (stp == STP_EXPIRE_TAKER || stp == STP_EXPIRE_BOTH) {
                        return false;
                    }
                    continue;
                }
                long available = oRemaining[slot];
                if ((oFlags[slot] & F_REDUCE_ONLY) != 0) {
                    available = reduceOnlyContribution(slot, opp, scratchSize, available);
                    scratchSize = countScratch(scratchSize, oAccount[slot]);
                }
                need -= available;
                if (need <= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private int countScratch(int scratchSize, long account) {
        for (int k = 0; k < scratchSize; k++) {
            if (scratchAccounts[k] == account) {
                return scratchSize;
            }
        }
        return scratchSize + 1;
    }

    // =====================================================================================================
    // Call auction (resumption after a trading halt)
    // =====================================================================================================

    /**
     * Enters call-auction mode: from now until {@link #uncross}, new orders rest without matching, so the book may
     * cross; IOC limit and market orders rest too (a market order at its protection limit, else at the price
     * bound of its side) and what the uncross leaves of them expires. FOK and GTX orders are rejected
     * ({@link RejectReason#NOT_ALLOWED_IN_AUCTION}); stop orders wait as usual; nothing fires until the uncross.
     */
    public void beginAuction() {
        auction = true;
    }

    /** Whether the book is collecting orders for a call auction. */
    public boolean inAuction() {
        return auction;
    }

    private void restForAuction(long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                                TimeInForce tif, long priceTicks, long qtyLots, boolean reduceOnly, StpMode stpMode) {
        boolean market = type == OrderType.MARKET;
        long price = !market ? priceTicks : priceTicks > 0 ? priceTicks : side == Side.BUY ? maxPriceTicks : minPriceTicks;
        boolean ioc = market || tif != TimeInForce.GTC;
        int slot = allocOrder();
        initOrder(slot, orderId, accountId, clientOrderId, side, type, market ? TimeInForce.IOC : tif, price, NO_PRICE,
                qtyLots, stpMode, (reduceOnly ? F_REDUCE_ONLY : 0) | (ioc ? F_AUCTION_IOC : 0));
        registerOpen(slot);
        linkToLevel(slot, levelFor(side.ordinal(), price));
        if (ioc) {
            if (auctionIocCount == auctionIocIds.length) {
                auctionIocIds = Arrays.copyOf(auctionIocIds, auctionIocCount * 2);
            }
            auctionIocIds[auctionIocCount++] = orderId;
        }
    }

    /**
     * Ends the call auction: executes every crossing order at one clearing price (see {@link #clearingPrice}),
     * best bid against best ask in price-time priority, then expires what is left of the auction's IOC and market
     * orders, leaves auction mode and fires the stops the new last price reaches. Each pair trades at the clearing
     * price; the newer order (higher id) counts as the taker (its side the aggressor, the taker fee), the older as
     * the maker. Two orders of one account follow the newer order's self-trade prevention mode (NONE lets them
     * trade); a reduce-only order trades only what still reduces its position. When such an exception leaves the
     * book crossed, a new clearing price is found for what remains (a bounded loop: each round trades or removes
     * orders). Returns the (last) clearing price in ticks, or {@link #NO_PRICE} if nothing crossed.
     */
    public long uncross(long tsNanos, long referencePriceTicks) {
        long price = NO_PRICE;
        while (crossed()) {
            price = clearingPriceOfBook(referencePriceTicks);
            executeAt(tsNanos, price);
        }
        auction = false;
        for (int i = 0; i < auctionIocCount; i++) {
            int slot = orderSlots.get(auctionIocIds[i], oId);
            if (slot != NIL && (oFlags[slot] & F_AUCTION_IOC) != 0) {
                boolean market = oType[slot] == OrderType.MARKET.ordinal();
                boolean bound = oPrice[slot] == (oSide[slot] == BUY ? maxPriceTicks : minPriceTicks);
                expireResting(tsNanos, slot, !market ? ExpireReason.IOC_REMAINDER
                        : bound ? ExpireReason.NO_LIQUIDITY : ExpireReason.PRICE_PROTECTION);
            }
        }
        auctionIocCount = 0;
        runTriggers(tsNanos);
        if (Checks.FULL) {
            checkInvariants();
        }
        return price;
    }

    private boolean crossed() {
        long bid = bestBidTicks();
        long ask = bestAskTicks();
        return bid != NO_PRICE && ask != NO_PRICE && bid >= ask;
    }

    /** The clearing price of the crossed part of the book (bids at or above the best ask, asks at or below the best bid). */
    private long clearingPriceOfBook(long referencePriceTicks) {
        long bestBid = bestBidTicks();
        long bestAsk = bestAskTicks();
        int nb = 0;
        for (int i = sideSize[BUY] - 1; i >= 0 && lPrice[sideLevels[BUY][i]] >= bestAsk; i--) {
            int lvl = sideLevels[BUY][i];
            if (lCount[lvl] > 0) {
                if (nb == scratchBidPx.length) {
                    scratchBidPx = Arrays.copyOf(scratchBidPx, nb * 2);
                    scratchBidQty = Arrays.copyOf(scratchBidQty, nb * 2);
                }
                scratchBidPx[nb] = lPrice[lvl];
                scratchBidQty[nb++] = lQty[lvl];
            }
        }
        int na = 0;
        for (int i = sideSize[SELL] - 1; i >= 0 && lPrice[sideLevels[SELL][i]] <= bestBid; i--) {
            int lvl = sideLevels[SELL][i];
            if (lCount[lvl] > 0) {
                if (na == scratchAskPx.length) {
                    scratchAskPx = Arrays.copyOf(scratchAskPx, na * 2);
                    scratchAskQty = Arrays.copyOf(scratchAskQty, na * 2);
                }
                scratchAskPx[na] = lPrice[lvl];
                scratchAskQty[na++] = lQty[lvl];
            }
        }
        return clearingPrice(scratchBidPx, scratchBidQty, nb, scratchAskPx, scratchAskQty, na, referencePriceTicks);
    }

    /**
     * The single price of a call auction, from the crossing bid levels (best first: prices descending) and ask
     * levels (best first: ascending). Rules, in order (the usual exchange uncrossing rules, e.g. Xetra's and
     * Euronext's, without their market-pressure step): (1) the largest executable volume min(bids at or above the
     * price, asks at or below it); (2) the smallest surplus |bids − asks| there; (3) the price nearest the reference
     * (the last price before the halt); (4) the lowest price. Candidates are the level prices and, between two
     * consecutive ones, the price nearest the reference (volume and surplus are constant strictly between levels,
     * so the rules may prefer a price inside a gap). Returns {@link #NO_PRICE} when nothing crosses.
     */
    static long clearingPrice(long[] bidPx, long[] bidQty, int nb, long[] askPx, long[] askQty, int na, long referenceTicks) {
        if (nb == 0 || na == 0 || bidPx[0] < askPx[0]) {
            return NO_PRICE;
        }
        long lo = askPx[0];
        long hi = bidPx[0];
        // The distinct level prices within [lo, hi], ascending: a merge of the asks (ascending) and bids (descending).
        long[] levels = new long[nb + na];
        int n = 0;
        int ai = 0;
        int bi = nb - 1;
        while (ai < na || bi >= 0) {
            long a = ai < na && askPx[ai] <= hi ? askPx[ai] : Long.MAX_VALUE;
            long b = bi >= 0 ? bidPx[bi] : Long.MAX_VALUE;
            if (b < lo) {
                bi--;
                continue;
            }
            long p = Math.min(a, b);
            if (p == Long.MAX_VALUE) {
                break;
            }
            if (a == p) {
                ai++;
            }
            if (b == p) {
                bi--;
            }
            levels[n++] = p;
        }
        long best = NO_PRICE;
        long bestVolume = -1;
        long bestSurplus = 0;
        for (int k = 0; k < 2 * n - 1; k++) {
            long p;
            if ((k & 1) == 0) {
                p = levels[k >> 1];
            } else {
                long below = levels[k >> 1];
                long above = levels[(k >> 1) + 1];
                if (above - below < 2) {
                    continue;
                }
                p = referenceTicks == NO_PRICE ? below + 1 : Math.max(below + 1, Math.min(above - 1, referenceTicks));
            }
            long buy = 0;
            for (int i = 0; i < nb && bidPx[i] >= p; i++) {
                buy += bidQty[i];
            }
            long sell = 0;
            for (int i = 0; i < na && askPx[i] <= p; i++) {
                sell += askQty[i];
            }
            long volume = Math.min(buy, sell);
            long surplus = Math.abs(buy - sell);
            boolean take;
            if (volume != bestVolume) {
                take = volume > bestVolume;
            } else if (surplus != bestSurplus) {
                take = surplus < bestSurplus;
            } else if (referenceTicks != NO_PRICE && Math.abs(p - referenceTicks) != Math.abs(best - referenceTicks)) {
                take = Math.abs(p - referenceTicks) < Math.abs(best - referenceTicks);
            } else {
                take = p < best;
            }
            if (take) {
                best = p;
                bestVolume = volume;
                bestSurplus = surplus;
            }
        }
        return best;
    }

    /** Pairs the best bid with the best ask while both cross {@code price}, each pair trading at {@code price}. */
    private void executeAt(long ts, long price) {
        while (sideSize[BUY] > 0 && sideSize[SELL] > 0) {
            int bl = sideLevels[BUY][sideSize[BUY] - 1];
            int al = sideLevels[SELL][sideSize[SELL] - 1];
            if (lPrice[bl] < price || lPrice[al] > price) {
                return;
            }
            int b = lHead[bl];
            int a = lHead[al];
            boolean bidNewer = oId[b] > oId[a];
            int taker = bidNewer ? b : a;
            int maker = bidNewer ? a : b;
            if (oAccount[b] == oAccount[a] && oStp[taker] != STP_NONE) {
                int stp = oStp[taker];
                if (stp == STP_EXPIRE_TAKER || stp == STP_EXPIRE_BOTH) {
                    expireResting(ts, taker, ExpireReason.STP_TAKER);
                }
                if (stp != STP_EXPIRE_TAKER) {
                    expireResting(ts, maker, ExpireReason.STP_MAKER);
                }
                continue;
            }
            long fill = Math.min(oRemaining[b], oRemaining[a]);
            if ((oFlags[b] & F_REDUCE_ONLY) != 0) {
                long allowed = reducibleLots(oAccount[b], BUY);
                if (allowed == 0) {
                    expireResting(ts, b, ExpireReason.REDUCE_ONLY);
                    continue;
                }
                fill = Math.min(fill, allowed);
            }
            if ((oFlags[a] & F_REDUCE_ONLY) != 0) {
                long allowed = reducibleLots(oAccount[a], SELL);
                if (allowed == 0) {
                    expireResting(ts, a, ExpireReason.REDUCE_ONLY);
                    continue;
                }
                fill = Math.min(fill, allowed);
            }
            long takerId = oId[taker];
            long takerAccount = oAccount[taker];
            long makerId = oId[maker];
            long makerAccount = oAccount[maker];
            Side aggressor = bidNewer ? Side.BUY : Side.SELL;
            oRemaining[b] -= fill;
            oFilled[b] += fill;
            lQty[bl] -= fill;
            oRemaining[a] -= fill;
            oFilled[a] += fill;
            lQty[al] -= fill;
            lastPriceTicks = price;
            sink.trade(ts, ++lastTradeId, price, fill, aggressor, takerId, takerAccount, makerId, makerAccount);
            if (oRemaining[b] == 0) {
                unlinkFromLevel(b);
                releaseOrder(b);
            }
            if (oRemaining[a] == 0) {
                unlinkFromLevel(a);
                releaseOrder(a);
            }
        }
    }

    /** Takes a resting order out of the book and reports its remainder expired. */
    private void expireResting(long ts, int slot, ExpireReason reason) {
        long id = oId[slot];
        long account = oAccount[slot];
        long left = oRemaining[slot];
        unlinkFromLevel(slot);
        releaseOrder(slot);
        sink.expired(ts, id, account, left, reason);
    }

    // =====================================================================================================
    // Triggers
    // =====================================================================================================

    private StopSet stopSetFor(int side, OrderType type, boolean mark) {
        // STOP buys and TAKE_PROFIT sells fire on a rise; STOP sells and TAKE_PROFIT buys on a fall.
        boolean up = (side == BUY) != type.isTakeProfit();
        if (mark) {
            return up ? markUp : markDown;
        }
        return up ? lastUp : lastDown;
    }

    private StopSet stopSetOf(int slot) {
        return stopSetFor(oSide[slot], OrderType.ofOrdinal(oType[slot]), (oFlags[slot] & F_MARK) != 0);
    }

    /**
     * Fires every untriggered order whose condition holds, one at a time, re-checking after each execution
     * (a triggered order moves the last price and may fire others). Order of precedence: last-price rise set,
     * last-price fall set, mark-price rise set, mark-price fall set; within a set the nearest stop, then the oldest.
     * Terminates: each round removes one untriggered order.
     */
    private void runTriggers(long ts) {
        while (true) {
            StopSet set = null;
            long refE8 = NO_PRICE;
            WorkingType working = WorkingType.CONTRACT_PRICE;
            if (lastPriceTicks != NO_PRICE) {
                long lastE8 = lastPriceTicks * tickE8;
                if (lastUp.fires(lastE8, tickE8)) {
                    set = lastUp;
                } else if (lastDown.fires(lastE8, tickE8)) {
                    set = lastDown;
                }
                refE8 = lastE8;
            }
            if (set == null && markPriceE8 != NO_PRICE) {
                if (markUp.fires(markPriceE8, tickE8)) {
                    set = markUp;
                } else if (markDown.fires(markPriceE8, tickE8)) {
                    set = markDown;
                }
                refE8 = markPriceE8;
                working = WorkingType.MARK_PRICE;
            }
            if (set == null) {
                return;
            }
            fire(ts, set.pop(), working, refE8);
        }
    }

    private void fire(long ts, int slot, WorkingType working, long refE8) {
        long orderId = oId[slot];
        long account = oAccount[slot];
        oFlags[slot] &= ~F_PENDING;
        sink.triggered(ts, orderId, account, oStop[slot], working, refE8);
        int side = oSide[slot];
        long qty = oRemaining[slot];
        boolean reduceOnly = (oFlags[slot] & F_REDUCE_ONLY) != 0;
        if (reduceOnly) {
            long allowed = Math.min(qty, reducibleLots(account, side));
            if (allowed < qty) {
                // The position shrank (or flipped) since the order was placed: only the reducing part may trade.
                sink.expired(ts, orderId, account, qty - allowed, ExpireReason.REDUCE_ONLY);
                qty = allowed;
                oRemaining[slot] = qty;
                oTotal[slot] = qty;
                if (qty == 0) {
                    releaseOrder(slot);
                    return;
                }
            }
        }
        OrderType type = OrderType.ofOrdinal(oType[slot]);
        OrderType becomes = type.hasLimitPrice() ? OrderType.LIMIT : OrderType.MARKET;
        execute(ts, slot, orderId, account, oClient[slot], side, becomes, TimeInForce.ofOrdinal(oTif[slot]),
                oPrice[slot], qty, reduceOnly, oStp[slot]);
    }

    // =====================================================================================================
    // Storage
    // =====================================================================================================

    private void allocateOrders(int capacity) {
        oId = new long[capacity];
        oAccount = new long[capacity];
        oClient = new long[capacity];
        oPrice = new long[capacity];
        oStop = new long[capacity];
        oRemaining = new long[capacity];
        oTotal = new long[capacity];
        oFilled = new long[capacity];
        oSeq = new long[capacity];
        oNext = new int[capacity];
        oPrev = new int[capacity];
        oAccNext = new int[capacity];
        oAccPrev = new int[capacity];
        oLevel = new int[capacity];
        oSide = new byte[capacity];
        oType = new byte[capacity];
        oTif = new byte[capacity];
        oStp = new byte[capacity];
        oFlags = new byte[capacity];
        orderCapacity = capacity;
    }

    private void growOrders() {
        int capacity = (int) Math.min(maxOrders, (long) orderCapacity * 2);
        oId = Arrays.copyOf(oId, capacity);
        oAccount = Arrays.copyOf(oAccount, capacity);
        oClient = Arrays.copyOf(oClient, capacity);
        oPrice = Arrays.copyOf(oPrice, capacity);
        oStop = Arrays.copyOf(oStop, capacity);
        oRemaining = Arrays.copyOf(oRemaining, capacity);
        oTotal = Arrays.copyOf(oTotal, capacity);
        oFilled = Arrays.copyOf(oFilled, capacity);
        oSeq = Arrays.copyOf(oSeq, capacity);
        oNext = Arrays.copyOf(oNext, capacity);
        oPrev = Arrays.copyOf(oPrev, capacity);
        oAccNext = Arrays.copyOf(oAccNext, capacity);
        oAccPrev = Arrays.copyOf(oAccPrev, capacity);
        oLevel = Arrays.copyOf(oLevel, capacity);
        oSide = Arrays.copyOf(oSide, capacity);
        oType = Arrays.copyOf(oType, capacity);
        oTif = Arrays.copyOf(oTif, capacity);
        oStp = Arrays.copyOf(oStp, capacity);
        oFlags = Arrays.copyOf(oFlags, capacity);
        orderCapacity = capacity;
    }

    private int allocOrder() {
        int slot = freeOrder;
        if (slot != NIL) {
            freeOrder = oNext[slot];
            return slot;
        }
        if (orderHighWater == orderCapacity) {
            if (orderCapacity >= maxOrders) {
                throw new IllegalStateException("order capacity " + maxOrders + " exhausted past the capacity check");
            }
            growOrders();
        }
        return orderHighWater++;
    }

    private void initOrder(int slot, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                           TimeInForce tif, long priceTicks, long stopTicks, long qtyLots, StpMode stp, int flags) {
        oId[slot] = orderId;
        oAccount[slot] = accountId;
        oClient[slot] = clientOrderId;
        oPrice[slot] = priceTicks;
        oStop[slot] = stopTicks;
        oRemaining[slot] = qtyLots;
        oTotal[slot] = qtyLots;
        oFilled[slot] = 0;
        oNext[slot] = NIL;
        oPrev[slot] = NIL;
        oLevel[slot] = NIL;
        oSide[slot] = (byte) side.ordinal();
        oType[slot] = (byte) type.ordinal();
        oTif[slot] = (byte) tif.ordinal();
        oStp[slot] = (byte) stp.ordinal();
        oFlags[slot] = (byte) flags;
    }

    /** Makes an order findable: by id, by client id, and in its account's list. */
    private void registerOpen(int slot) {
        long account = oAccount[slot];
        orderSlots.put(oId[slot], slot, oId);
        if (oClient[slot] != 0) {
            clientSlots.put(account, oClient[slot], slot);
        }
        int head = accountHeads.get(account);
        if (head == LongIntHashMap.MISSING) {
            head = NIL;
        }
        oAccPrev[slot] = NIL;
        oAccNext[slot] = head;
        if (head != NIL) {
            oAccPrev[head] = slot;
        }
        accountHeads.put(account, slot);
        openOrders++;
    }

    /** Forgets an open order (already out of its level or stop set) and recycles its slot. */
    private void releaseOrder(int slot) {
        long account = oAccount[slot];
        orderSlots.remove(oId[slot], slot);
        if (oClient[slot] != 0) {
            clientSlots.remove(account, oClient[slot]);
        }
        int prev = oAccPrev[slot];
        int next = oAccNext[slot];
        if (prev != NIL) {
            oAccNext[prev] = next;
        } else if (next == NIL) {
            accountHeads.remove(account);
        } else {
            accountHeads.put(account, next);
        }
        if (next != NIL) {
            oAccPrev[next] = prev;
        }
        oNext[slot] = freeOrder;
        freeOrder = slot;
        openOrders--;
    }

    private void allocateLevels(int capacity) {
        lPrice = new long[capacity];
        lQty = new long[capacity];
        lCount = new int[capacity];
        lHead = new int[capacity];
        lTail = new int[capacity];
    }

    private int allocLevel(long priceTicks) {
        int lvl = freeLevel;
        if (lvl != NIL) {
            freeLevel = lHead[lvl];
        } else {
            if (levelHighWater == lPrice.length) {
                int capacity = lPrice.length * 2;
                lPrice = Arrays.copyOf(lPrice, capacity);
                lQty = Arrays.copyOf(lQty, capacity);
                lCount = Arrays.copyOf(lCount, capacity);
                lHead = Arrays.copyOf(lHead, capacity);
                lTail = Arrays.copyOf(lTail, capacity);
            }
            lvl = levelHighWater++;
        }
        lPrice[lvl] = priceTicks;
        lQty[lvl] = 0;
        lCount[lvl] = 0;
        lHead[lvl] = NIL;
        lTail[lvl] = NIL;
        return lvl;
    }

    /**
     * Index of {@code key} in the side's sorted key array, or {@code -(insertion point) - 1}. Scans the few
     * entries nearest the best price first (where most activity is), then binary-searches the rest.
     */
    private int findKey(int side, long key) {
        long[] keys = sideKeys[side];
        int n = sideSize[side];
        int stop = Math.max(0, n - 8);
        for (int i = n - 1; i >= stop; i--) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k < key) {
                return -(i + 1) - 1;
            }
        }
        int lo = 0;
        int hi = stop - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = keys[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** The level at this price on this side, created if absent. */
    private int levelFor(int side, long priceTicks) {
        int[] cache = levelCache[side];
        int c = (int) (priceTicks & CACHE_MASK);
        int lvl = cache[c];
        if (lvl != NIL && lPrice[lvl] == priceTicks) {
            if (lCount[lvl] == 0) {
                emptyLevels[side]--;
            }
            return lvl;
        }
        long key = side == BUY ? priceTicks : -priceTicks;
        int idx = findKey(side, key);
        if (idx >= 0) {
            lvl = sideLevels[side][idx];
            cache[c] = lvl;
            if (lCount[lvl] == 0) {
                emptyLevels[side]--;
            }
            return lvl;
        }
        int at = -idx - 1;
        int n = sideSize[side];
        if (n == sideKeys[side].length) {
            sideKeys[side] = Arrays.copyOf(sideKeys[side], n * 2);
            sideLevels[side] = Arrays.copyOf(sideLevels[side], n * 2);
        }
        long[] keys = sideKeys[side];
        int[] levels = sideLevels[side];
        if (at < n) {
            System.arraycopy(keys, at, keys, at + 1, n - at);
            System.arraycopy(levels, at, levels, at + 1, n - at);
        }
        lvl = allocLevel(priceTicks);
        keys[at] = key;
        levels[at] = lvl;
        sideSize[side] = n + 1;
        cache[c] = lvl;
        if (at == n && !auction) {
            // A new best price: the O(1) part of the "never crossed" invariant, always on.
            int opp = side ^ 1;
            int m = sideSize[opp];
            if (m > 0 && -sideKeys[opp][m - 1] <= key) {
                throw new IllegalStateException("book crossed: new best " + (side == BUY ? "bid " : "ask ")
                        + priceTicks + " meets opposite best " + lPrice[sideLevels[opp][m - 1]]);
            }
        }
        return lvl;
    }

    /**
     * A level lost its last order. At the top of the side it goes, with any empty levels under it, so the best
     * level is never empty; elsewhere it stays for reuse until empties exceed half the side (then compaction).
     */
    private void levelEmptied(int side, int lvl) {
        int n = sideSize[side];
        int[] levels = sideLevels[side];
        if (levels[n - 1] == lvl) {
            freeLevel(side, lvl);
            n--;
            while (n > 0 && lCount[levels[n - 1]] == 0) {
                freeLevel(side, levels[n - 1]);
                n--;
                emptyLevels[side]--;
            }
            sideSize[side] = n;
        } else if (++emptyLevels[side] > Math.max(64, n >> 1)) {
            compact(side);
        }
    }

    private void compact(int side) {
        long[] keys = sideKeys[side];
        int[] levels = sideLevels[side];
        int n = sideSize[side];
        int w = 0;
        for (int i = 0; i < n; i++) {
            int lvl = levels[i];
            if (lCount[lvl] == 0) {
                freeLevel(side, lvl);
            } else {
                keys[w] = keys[i];
                levels[w] = lvl;
                w++;
            }
        }
        sideSize[side] = w;
        emptyLevels[side] = 0;
    }

    private void freeLevel(int side, int lvl) {
        int c = (int) (lPrice[lvl] & CACHE_MASK);
        if (levelCache[side][c] == lvl) {
            levelCache[side][c] = NIL;
        }
        lHead[lvl] = freeLevel;
        freeLevel = lvl;
    }

    private void linkToLevel(int slot, int lvl) {
        int tail = lTail[lvl];
        oPrev[slot] = tail;
        oNext[slot] = NIL;
        if (tail == NIL) {
            lHead[lvl] = slot;
        } else {
            oNext[tail] = slot;
        }
        lTail[lvl] = slot;
        lQty[lvl] += oRemaining[slot];
        lCount[lvl]++;
        oLevel[slot] = lvl;
        oSeq[slot] = ++prioritySeq;
    }

    private void unlinkFromLevel(int slot) {
        int lvl = oLevel[slot];
        int prev = oPrev[slot];
        int next = oNext[slot];
        if (prev == NIL) {
            lHead[lvl] = next;
        } else {
            oNext[prev] = next;
        }
        if (next == NIL) {
            lTail[lvl] = prev;
        } else {
            oPrev[next] = prev;
        }
        lQty[lvl] -= oRemaining[slot];
        oLevel[slot] = NIL;
        if (--lCount[lvl] == 0) {
            levelEmptied(oSide[slot], lvl);
        }
    }

    // =====================================================================================================
    // Queries
    // =====================================================================================================

    public long bestBidTicks() {
        int n = sideSize[BUY];
        return n == 0 ? NO_PRICE : lPrice[sideLevels[BUY][n - 1]];
    }

    public long bestAskTicks() {
        int n = sideSize[SELL];
        return n == 0 ? NO_PRICE : lPrice[sideLevels[SELL][n - 1]];
    }

    public long lastPriceTicks() {
        return lastPriceTicks;
    }

    public long markPriceE8() {
        return markPriceE8;
    }

    /** Open orders: resting plus untriggered. */
    public int openOrderCount() {
        return openOrders;
    }

    /** Price levels with at least one resting order. */
    public int levelCount(Side side) {
        return sideSize[side.ordinal()] - emptyLevels[side.ordinal()];
    }

    public long lastOrderId() {
        return lastOrderId;
    }

    /**
     * Copies up to {@code maxLevels} aggregated levels of a side, best first, into the arrays; returns how many.
     */
    public int depth(Side side, int maxLevels, long[] priceTicks, long[] qtyLots, int[] orderCounts) {
        int s = side.ordinal();
        int k = 0;
        for (int i = sideSize[s] - 1; i >= 0 && k < maxLevels; i--) {
            int lvl = sideLevels[s][i];
            if (lCount[lvl] == 0) {
                continue;
            }
            priceTicks[k] = lPrice[lvl];
            qtyLots[k] = lQty[lvl];
            orderCounts[k] = lCount[lvl];
            k++;
        }
        return k;
    }

    /** Receives resting orders in priority order (best price first, FIFO within a level). */
    @FunctionalInterface
    public interface OrderVisitor {
        void visit(long orderId, long accountId, long priceTicks, long remainingLots, long totalLots);
    }

    /** Visits every resting order of a side in priority order (an L3 snapshot). */
    public void forEachResting(Side side, OrderVisitor visitor) {
        int s = side.ordinal();
        for (int i = sideSize[s] - 1; i >= 0; i--) {
            int lvl = sideLevels[s][i];
            for (int slot = lHead[lvl]; slot != NIL; slot = oNext[slot]) {
                visitor.visit(oId[slot], oAccount[slot], lPrice[lvl], oRemaining[slot], oTotal[slot]);
            }
        }
    }

    /** Remaining quantity of an open order in lots, or -1 if it is not open. */
    public long remainingLots(long orderId) {
        int slot = orderSlots.get(orderId, oId);
        return slot == NIL ? -1 : oRemaining[slot];
    }

    /** Whether the order is open and still waiting for its trigger. */
    public boolean isUntriggered(long orderId) {
        int slot = orderSlots.get(orderId, oId);
        return slot != NIL && (oFlags[slot] & F_PENDING) != 0;
    }

    /**
     * The average price (E8, rounded half-even to 1e-8) at which a market order of {@code takerSide} worth
     * {@code notionalE8} of quote would fill against the book now: {@code SELL} gives the impact bid, {@code BUY}
     * the impact ask (Binance's funding inputs). The last level is used fractionally so that the notional is met
     * exactly. Returns {@link #NO_PRICE} if the side cannot absorb the notional or the notional is not positive.
     */
    public long impactPriceE8(Side takerSide, long notionalE8) {
        if (notionalE8 <= 0) {
            return NO_PRICE;
        }
        int s = takerSide.opposite().ordinal();
        long unit = instrument.notionalPerTickLotE8();
        java.math.BigInteger cumE8 = java.math.BigInteger.ZERO;
        java.math.BigInteger target = java.math.BigInteger.valueOf(notionalE8);
        long fullLots = 0;
        for (int i = sideSize[s] - 1; i >= 0; i--) {
            int lvl = sideLevels[s][i];
            java.math.BigInteger levelE8 = java.math.BigInteger.valueOf(lPrice[lvl])
                    .multiply(java.math.BigInteger.valueOf(lQty[lvl])).multiply(java.math.BigInteger.valueOf(unit));
            if (cumE8.add(levelE8).compareTo(target) >= 0) {
                // avg = N / (Q + R / P) = N·P / (Q·P + R), all in E8 units: avgE8 = N·P·1e8 / (q·step·P + R·1e8).
                java.math.BigInteger p = java.math.BigInteger.valueOf(lPrice[lvl] * tickE8);
                java.math.BigInteger r = target.subtract(cumE8);
                java.math.BigInteger e8 = java.math.BigInteger.valueOf(100_000_000L);
                java.math.BigInteger num = target.multiply(p).multiply(e8);
                java.math.BigInteger den = java.math.BigInteger.valueOf(fullLots)
                        .multiply(java.math.BigInteger.valueOf(instrument.stepSizeE8())).multiply(p).add(r.multiply(e8));
                java.math.BigInteger[] qr = num.divideAndRemainder(den);
                int half = qr[1].shiftLeft(1).compareTo(den);
                java.math.BigInteger rounded = half > 0 || (half == 0 && qr[0].testBit(0)) ? qr[0].add(java.math.BigInteger.ONE) : qr[0];
                return rounded.longValueExact();
            }
            cumE8 = cumE8.add(levelE8);
            fullLots += lQty[lvl];
        }
        return NO_PRICE;
    }

    // =====================================================================================================
    // Invariants
    // =====================================================================================================

    /**
     * Whole-book audit, O(n): sorted and uncrossed sides, level totals and counts equal to their orders, FIFO
     * priority within each level, per-order quantity accounting, id maps consistent. Throws
     * {@link IllegalStateException} naming the broken invariant and the values.
     */
    public void checkInvariants() {
        int resting = 0;
        for (int s = 0; s < 2; s++) {
            int empties = 0;
            long[] keys = sideKeys[s];
            int[] levels = sideLevels[s];
            for (int i = 0; i < sideSize[s]; i++) {
                int lvl = levels[i];
                long expectKey = s == BUY ? lPrice[lvl] : -lPrice[lvl];
                if (keys[i] != expectKey) {
                    throw new IllegalStateException("side " + s + " key " + keys[i] + " != level price key " + expectKey);
                }
                if (i > 0 && keys[i - 1] >= keys[i]) {
                    throw new IllegalStateException("side " + s + " levels not strictly sorted at index " + i);
                }
                long sum = 0;
                int count = 0;
                long lastSeq = Long.MIN_VALUE;
                int prev = NIL;
                for (int slot = lHead[lvl]; slot != NIL; slot = oNext[slot]) {
                    if (oPrev[slot] != prev) {
                        throw new IllegalStateException("level " + lPrice[lvl] + " broken prev link at order " + oId[slot]);
                    }
                    if (oLevel[slot] != lvl || oSide[slot] != s || oPrice[slot] != lPrice[lvl]) {
                        throw new IllegalStateException("order " + oId[slot] + " misfiled in level " + lPrice[lvl]);
                    }
                    if (oRemaining[slot] <= 0) {
                        throw new IllegalStateException("order " + oId[slot] + " rests with remaining " + oRemaining[slot]);
                    }
                    if (oFilled[slot] + oRemaining[slot] != oTotal[slot]) {
                        throw new IllegalStateException("order " + oId[slot] + " filled " + oFilled[slot] + " + remaining "
                                + oRemaining[slot] + " != total " + oTotal[slot]);
                    }
                    if (oSeq[slot] <= lastSeq) {
                        throw new IllegalStateException("FIFO broken in level " + lPrice[lvl] + " at order " + oId[slot]);
                    }
                    if (orderSlots.get(oId[slot], oId) != slot) {
                        throw new IllegalStateException("order " + oId[slot] + " not findable by id");
                    }
                    lastSeq = oSeq[slot];
                    sum += oRemaining[slot];
                    count++;
                    prev = slot;
                }
                if (prev != lTail[lvl]) {
                    throw new IllegalStateException("level " + lPrice[lvl] + " tail mismatch");
                }
                if (sum != lQty[lvl]) {
                    throw new IllegalStateException("level " + lPrice[lvl] + " quantity " + lQty[lvl] + " != sum of orders " + sum);
                }
                if (count != lCount[lvl]) {
                    throw new IllegalStateException("level " + lPrice[lvl] + " count " + lCount[lvl] + " != orders " + count);
                }
                if (count == 0) {
                    if (i == sideSize[s] - 1) {
                        throw new IllegalStateException("side " + s + " best level " + lPrice[lvl] + " is empty");
                    }
                    empties++;
                }
                int cached = levelCache[s][(int) (lPrice[lvl] & CACHE_MASK)];
                if (cached != NIL && cached != lvl && lPrice[cached] == lPrice[lvl]) {
                    throw new IllegalStateException("level cache points price " + lPrice[lvl] + " at another level");
                }
                resting += count;
            }
            if (empties != emptyLevels[s]) {
                throw new IllegalStateException("side " + s + " has " + empties + " empty levels, counted " + emptyLevels[s]);
            }
        }
        long bid = bestBidTicks();
        long ask = bestAskTicks();
        if (!auction && bid != NO_PRICE && ask != NO_PRICE && bid >= ask) {
            throw new IllegalStateException("book crossed: best bid " + bid + " >= best ask " + ask);
        }
        lastUp.check("lastUp");
        lastDown.check("lastDown");
        markUp.check("markUp");
        markDown.check("markDown");
        int pending = lastUp.size() + lastDown.size() + markUp.size() + markDown.size();
        if (resting + pending != openOrders) {
            throw new IllegalStateException("open orders " + openOrders + " != resting " + resting + " + untriggered " + pending);
        }
        if (orderSlots.size() != openOrders) {
            throw new IllegalStateException("order id map holds " + orderSlots.size() + " != open orders " + openOrders);
        }
    }
}
