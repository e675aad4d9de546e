package aftershock.sim.abm;

import aftershock.engine.api.CancelReason;
import aftershock.engine.api.CommandKind;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.ExpireReason;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.util.Arrays;

/**
 * What ABIDES's exchange agent keeps beside its book, fed by the book's events: the event-log hash and counts, the
 * trade window behind transacted-volume queries, and the resting volume per side behind the book-imbalance
 * subscription of the market makers ({@code BookImbalanceDataSubscription}, evaluated after every order and every
 * cancel, as ABIDES's {@code publish_order_book_data}). Allocation-free except when the order-id → side table grows.
 */
final class ExchangeSink implements EventSink {
    private static final int BUY = 0;
    private static final int SELL = 1;
    /** The heavier side of an imbalance is BUY, SELL or none. */
    private static final int NO_SIDE = -1;

    /** Receives the START messages of the book-imbalance subscription. */
    interface ImbalanceListener {
        void bookImbalanceStarted(long tsNanos);
    }

    private final EventLogHash hash = new EventLogHash();
    private final TradeWindow trades;
    private final ImbalanceListener listener;
    private final double minImbalance;

    /** Side of every accepted order, by order id (ids are 1, 2, 3, …). */
    private byte[] sideByOrderId;
    private final long[] restingLots = new long[2];

    private boolean imbalanceInProgress;
    private int imbalanceSide = NO_SIDE;

    long events;
    long tradeCount;
    long tradedLots;
    long cancelCount;
    long rejectCount;
    long imbalanceStarts;

    ExchangeSink(ImbalanceListener listener, double minImbalance, long lookbackNanos, int expectedOrders) {
        this.listener = listener;
        this.minImbalance = minImbalance;
        this.trades = new TradeWindow(lookbackNanos, 4096);
        this.sideByOrderId = new byte[Math.max(1024, expectedOrders)];
    }

    TradeWindow trades() {
        return trades;
    }

    long restingLots(Side side) {
        return restingLots[side.ordinal()];
    }

    String finishHash() {
        return hash.finish();
    }

    long hashedBytes() {
        return hash.bytes();
    }

    /**
     * The book-imbalance subscription, after a book operation: ABIDES's {@code get_imbalance} (1 − light/heavy side
     * volume, 0 when equal) against {@code min_imbalance}; a START message goes to every market maker when an event
     * begins or flips side.
     */
    void publish(long tsNanos) {
        long bid = restingLots[BUY];
        long ask = restingLots[SELL];
        double imbalance;
        int side;
        if (bid == ask) {
            imbalance = 0;
            side = NO_SIDE;
        } else if (bid == 0) {
            imbalance = 1.0;
            side = SELL;
        } else if (ask == 0) {
            imbalance = 1.0;
            side = BUY;
        } else if (bid < ask) {
            imbalance = 1 - (double) bid / ask;
            side = SELL;
        } else {
            imbalance = 1 - (double) ask / bid;
            side = BUY;
        }
        boolean inProgress = imbalance > minImbalance;
        if (imbalanceInProgress && inProgress) {
            if (side != imbalanceSide) {
                imbalanceSide = side;
                start(tsNanos);
            }
        } else if (imbalanceInProgress) {
            imbalanceInProgress = false;
            imbalanceSide = NO_SIDE;
        } else if (inProgress) {
            imbalanceInProgress = true;
            imbalanceSide = side;
            start(tsNanos);
        }
    }

    private void start(long tsNanos) {
        imbalanceStarts++;
        listener.bookImbalanceStarted(tsNanos);
    }

    @Override
    public void accepted(long tsNanos, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                         TimeInForce timeInForce, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly) {
        events++;
        hash.accepted(tsNanos, orderId, accountId, clientOrderId, side, type, timeInForce, priceTicks, qtyLots,
                stopPriceTicks, reduceOnly);
        if (orderId >= sideByOrderId.length) {
            sideByOrderId = Arrays.copyOf(sideByOrderId, (int) Math.max(orderId + 1, 2L * sideByOrderId.length));
        }
        sideByOrderId[(int) orderId] = (byte) side.ordinal();
        // The whole quantity counts as resting; the trades that follow take their quantity off both sides.
        restingLots[side.ordinal()] += qtyLots;
    }

    @Override
    public void rejected(long tsNanos, CommandKind command, long accountId, long clientOrderId, long orderId,
                         RejectReason reason) {
        events++;
        rejectCount++;
        hash.rejected(tsNanos, command, accountId, clientOrderId, orderId, reason);
    }

    @Override
    public void trade(long tsNanos, long tradeId, long priceTicks, long qtyLots, Side aggressorSide,
                      long takerOrderId, long takerAccountId, long makerOrderId, long makerAccountId) {
        events++;
        tradeCount++;
        tradedLots += qtyLots;
        hash.trade(tsNanos, tradeId, priceTicks, qtyLots, aggressorSide, takerOrderId, takerAccountId, makerOrderId,
                makerAccountId);
        int a = aggressorSide.ordinal();
        restingLots[a] -= qtyLots;
        restingLots[a ^ 1] -= qtyLots;
        trades.add(tsNanos, qtyLots, a == BUY);
    }

    @Override
    public void cancelled(long tsNanos, long orderId, long accountId, long remainingQtyLots, CancelReason reason) {
        events++;
        cancelCount++;
        hash.cancelled(tsNanos, orderId, accountId, remainingQtyLots, reason);
        restingLots[sideByOrderId[(int) orderId]] -= remainingQtyLots;
        // ABIDES cancels order by order, publishing after each one.
        publish(tsNanos);
    }

    @Override
    public void expired(long tsNanos, long orderId, long accountId, long remainingQtyLots, ExpireReason reason) {
        events++;
        hash.expired(tsNanos, orderId, accountId, remainingQtyLots, reason);
        restingLots[sideByOrderId[(int) orderId]] -= remainingQtyLots;
    }

    @Override
    public void triggered(long tsNanos, long orderId, long accountId, long stopPriceTicks, WorkingType workingType,
                          long triggerPriceE8) {
        events++;
        hash.triggered(tsNanos, orderId, accountId, stopPriceTicks, workingType, triggerPriceE8);
    }

    @Override
    public void amended(long tsNanos, long orderId, long accountId, long priceTicks, long qtyLots,
                        long remainingQtyLots, boolean priorityKept) {
        events++;
        hash.amended(tsNanos, orderId, accountId, priceTicks, qtyLots, remainingQtyLots, priorityKept);
    }
}
