package aftershock.engine.book;

import aftershock.engine.api.CancelReason;
import aftershock.engine.api.CommandKind;
import aftershock.engine.api.EventSink;
import aftershock.engine.api.ExpireReason;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.util.ArrayList;
import java.util.List;

/** Records book events as text lines in book units, for comparing two books event by event. */
final class LineSink implements EventSink {
    final List<String> lines = new ArrayList<>();

    @Override
    public void accepted(long ts, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                         TimeInForce tif, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly) {
        lines.add("ACCEPTED " + orderId + " acct=" + accountId + " cl=" + clientOrderId + " " + side + " " + type + " "
                + tif + " p=" + priceTicks + " q=" + qtyLots + " stop=" + stopPriceTicks + " ro=" + reduceOnly);
    }

    @Override
    public void rejected(long ts, CommandKind command, long accountId, long clientOrderId, long orderId,
                         aftershock.engine.api.RejectReason reason) {
        lines.add("REJECTED " + command + " acct=" + accountId + " cl=" + clientOrderId + " id=" + orderId + " " + reason);
    }

    @Override
    public void trade(long ts, long tradeId, long priceTicks, long qtyLots, Side aggressorSide, long takerOrderId,
                      long takerAccountId, long makerOrderId, long makerAccountId) {
        lines.add("TRADE " + tradeId + " p=" + priceTicks + " q=" + qtyLots + " " + aggressorSide + " taker="
                + takerOrderId + "/" + takerAccountId + " maker=" + makerOrderId + "/" + makerAccountId);
    }

    @Override
    public void cancelled(long ts, long orderId, long accountId, long remainingQtyLots, CancelReason reason) {
        lines.add("CANCELLED " + orderId + " acct=" + accountId + " left=" + remainingQtyLots + " " + reason);
    }

    @Override
    public void expired(long ts, long orderId, long accountId, long remainingQtyLots, ExpireReason reason) {
        lines.add("EXPIRED " + orderId + " acct=" + accountId + " left=" + remainingQtyLots + " " + reason);
    }

    @Override
    public void triggered(long ts, long orderId, long accountId, long stopPriceTicks, WorkingType workingType,
                          long triggerPriceE8) {
        lines.add("TRIGGERED " + orderId + " acct=" + accountId + " stop=" + stopPriceTicks + " " + workingType
                + " at=" + triggerPriceE8);
    }

    @Override
    public void amended(long ts, long orderId, long accountId, long priceTicks, long qtyLots, long remainingQtyLots,
                        boolean priorityKept) {
        lines.add("AMENDED " + orderId + " acct=" + accountId + " p=" + priceTicks + " q=" + qtyLots + " left="
                + remainingQtyLots + " kept=" + priorityKept);
    }
}
