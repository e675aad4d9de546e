package aftershock.engine.book;

import aftershock.engine.api.CancelReason;
import aftershock.engine.api.CommandKind;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.ExpireReason;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.util.Map;

/** Forwards to another sink and keeps net positions from trades (the book's reduce-only checks read them). */
final class PositionTrackingSink implements EventSink {
    private final EventSink next;
    private final Map<Long, Long> positions;

    PositionTrackingSink(EventSink next, Map<Long, Long> positions) {
        this.next = next;
        this.positions = positions;
    }

    @Override
    public void accepted(long ts, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                         TimeInForce tif, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly) {
        next.accepted(ts, orderId, accountId, clientOrderId, side, type, tif, priceTicks, qtyLots, stopPriceTicks, reduceOnly);
    }

    @Override
    public void rejected(long ts, CommandKind command, long accountId, long clientOrderId, long orderId, RejectReason reason) {
        next.rejected(ts, command, accountId, clientOrderId, orderId, reason);
    }

    @Override
    public void trade(long ts, long tradeId, long priceTicks, long qtyLots, Side aggressorSide, long takerOrderId,
                      long takerAccountId, long makerOrderId, long makerAccountId) {
        long signed = aggressorSide == Side.BUY ? qtyLots : -qtyLots;
        positions.merge(takerAccountId, signed, Long::sum);
        positions.merge(makerAccountId, -signed, Long::sum);
        next.trade(ts, tradeId, priceTicks, qtyLots, aggressorSide, takerOrderId, takerAccountId, makerOrderId, makerAccountId);
    }

    @Override
    public void cancelled(long ts, long orderId, long accountId, long remainingQtyLots, CancelReason reason) {
        next.cancelled(ts, orderId, accountId, remainingQtyLots, reason);
    }

    @Override
    public void expired(long ts, long orderId, long accountId, long remainingQtyLots, ExpireReason reason) {
        next.expired(ts, orderId, accountId, remainingQtyLots, reason);
    }

    @Override
    public void triggered(long ts, long orderId, long accountId, long stopPriceTicks, WorkingType workingType, long triggerPriceE8) {
        next.triggered(ts, orderId, accountId, stopPriceTicks, workingType, triggerPriceE8);
    }

    @Override
    public void amended(long ts, long orderId, long accountId, long priceTicks, long qtyLots, long remainingQtyLots, boolean priorityKept) {
        next.amended(ts, orderId, accountId, priceTicks, qtyLots, remainingQtyLots, priorityKept);
    }
}
