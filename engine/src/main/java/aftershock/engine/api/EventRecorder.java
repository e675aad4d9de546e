package aftershock.engine.api;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Adapts the book's primitive {@link EventSink} to immutable {@link Event} records in E8 units, numbering them.
 * This is the boundary between the allocation-free hot path and cold consumers (logs, reports, tests).
 */
public final class EventRecorder implements EventSink {
    private final Instrument instrument;
    private Consumer<? super Event> out;
    private long seq;

    public EventRecorder(Instrument instrument, Consumer<? super Event> out) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Redirects subsequent events (the sequence number continues). */
    public void setOutput(Consumer<? super Event> out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The sequence number the next event will get. */
    public long nextSeq() {
        return seq + 1;
    }

    private long price(long ticks) {
        return instrument.priceE8(ticks);
    }

    private long qty(long lots) {
        return instrument.qtyE8(lots);
    }

    @Override
    public void accepted(long tsNanos, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                         TimeInForce timeInForce, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly) {
        out.accept(new Event.OrderAccepted(++seq, tsNanos, orderId, accountId, clientOrderId, side, type, timeInForce,
                price(priceTicks), qty(qtyLots), price(stopPriceTicks), reduceOnly));
    }

    @Override
    public void rejected(long tsNanos, CommandKind command, long accountId, long clientOrderId, long orderId, RejectReason reason) {
        out.accept(new Event.OrderRejected(++seq, tsNanos, command, accountId, clientOrderId, orderId, reason));
    }

    @Override
    public void trade(long tsNanos, long tradeId, long priceTicks, long qtyLots, Side aggressorSide,
                      long takerOrderId, long takerAccountId, long makerOrderId, long makerAccountId) {
        out.accept(new Event.Trade(++seq, tsNanos, tradeId, price(priceTicks), qty(qtyLots), aggressorSide,
                takerOrderId, takerAccountId, makerOrderId, makerAccountId));
    }

    @Override
    public void cancelled(long tsNanos, long orderId, long accountId, long remainingQtyLots, CancelReason reason) {
        out.accept(new Event.OrderCancelled(++seq, tsNanos, orderId, accountId, qty(remainingQtyLots), reason));
    }

    @Override
    public void expired(long tsNanos, long orderId, long accountId, long remainingQtyLots, ExpireReason reason) {
        out.accept(new Event.OrderExpired(++seq, tsNanos, orderId, accountId, qty(remainingQtyLots), reason));
    }

    @Override
    public void triggered(long tsNanos, long orderId, long accountId, long stopPriceTicks, WorkingType workingType, long triggerPriceE8) {
        out.accept(new Event.OrderTriggered(++seq, tsNanos, orderId, accountId, price(stopPriceTicks), workingType, triggerPriceE8));
    }

    @Override
    public void amended(long tsNanos, long orderId, long accountId, long priceTicks, long qtyLots, long remainingQtyLots, boolean priorityKept) {
        out.accept(new Event.OrderAmended(++seq, tsNanos, orderId, accountId, price(priceTicks), qty(qtyLots),
                qty(remainingQtyLots), priorityKept));
    }
}
