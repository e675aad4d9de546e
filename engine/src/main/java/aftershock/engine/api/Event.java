package aftershock.engine.api;

/**
 * An event out of the venue, numbered by {@code seq} in the order it happened. Prices and quantities are E8.
 * {@link #toLogLine()} is the canonical text form hashed for determinism checks.
 */
public sealed interface Event permits Event.OrderAccepted, Event.OrderRejected, Event.Trade, Event.OrderCancelled,
        Event.OrderExpired, Event.OrderTriggered, Event.OrderAmended {

    enum Kind { ACCEPTED, REJECTED, TRADE, CANCELLED, EXPIRED, TRIGGERED, AMENDED }

    Kind kind();

    long seq();

    long tsNanos();

    /** One line, fields in a fixed order, decimals exact. */
    String toLogLine();

    record OrderAccepted(long seq, long tsNanos, long orderId, long accountId, long clientOrderId, Side side,
                         OrderType type, TimeInForce timeInForce, long priceE8, long qtyE8, long stopPriceE8,
                         boolean reduceOnly) implements Event {
        @Override
        public Kind kind() {
            return Kind.ACCEPTED;
        }

        @Override
        public String toLogLine() {
            return seq + " " + tsNanos + " ACCEPTED order=" + orderId + " account=" + accountId + " client=" + clientOrderId
                    + " " + side + " " + type + " " + timeInForce + " price=" + DecimalE8.format(priceE8)
                    + " qty=" + DecimalE8.format(qtyE8) + " stop=" + DecimalE8.format(stopPriceE8)
                    + (reduceOnly ? " reduceOnly" : "");
        }
    }

    record OrderRejected(long seq, long tsNanos, CommandKind command, long accountId, long clientOrderId, long orderId,
                         RejectReason reason) implements Event {
        @Override
        public Kind kind() {
            return Kind.REJECTED;
        }

        @Override
        public String toLogLine() {
            return seq + " " + tsNanos + " REJECTED " + command + " account=" + accountId + " client=" + clientOrderId
                    + " order=" + orderId + " reason=" + reason;
        }
    }

    record Trade(long seq, long tsNanos, long tradeId, long priceE8, long qtyE8, Side aggressorSide,
                 long takerOrderId, long takerAccountId, long makerOrderId, long makerAccountId) implements Event {
        @Override
        public Kind kind() {
            return Kind.TRADE;
        }

        @Override
        public String toLogLine() {
            return seq + " " + tsNanos + " TRADE id=" + tradeId + " price=" + DecimalE8.format(priceE8)
                    + " qty=" + DecimalE8.format(qtyE8) + " aggressor=" + aggressorSide + " taker=" + takerOrderId
                    + "/" + takerAccountId + " maker=" + makerOrderId + "/" + makerAccountId;
        }
    }

    record OrderCancelled(long seq, long tsNanos, long orderId, long accountId, long remainingQtyE8,
                          CancelReason reason) implements Event {
        @Override
        public Kind kind() {
            return Kind.CANCELLED;
        }

        @Override
        public String toLogLine() {
            return seq + " " + tsNanos + " CANCELLED order=" + orderId + " account=" + accountId
                    + " remaining=" + DecimalE8.format(remainingQtyE8) + " reason=" + reason;
        }
    }

    record OrderExpired(long seq, long tsNanos, long orderId, long accountId, long remainingQtyE8,
                        ExpireReason reason) implements Event {
        @Override
        public Kind kind() {
            return Kind.EXPIRED;
        }

        @Override
        public String toLogLine() {
            return seq + " " + tsNanos + " EXPIRED order=" + orderId + " account=" + accountId
                    + " remaining=" + DecimalE8.format(remainingQtyE8) + " reason=" + reason;
        }
    }

    record OrderTriggered(long seq, long tsNanos, long orderId, long accountId, long stopPriceE8,
                          WorkingType workingType, long triggerPriceE8) implements Event {
        @Override
        public Kind kind() {
            return Kind.TRIGGERED;
        }

        @Override
        public String toLogLine() {
            return seq + " " + tsNanos + " TRIGGERED order=" + orderId + " account=" + accountId
                    + " stop=" + DecimalE8.format(stopPriceE8) + " on=" + workingType
                    + " at=" + DecimalE8.format(triggerPriceE8);
        }
    }

    record OrderAmended(long seq, long tsNanos, long orderId, long accountId, long priceE8, long qtyE8,
                        long remainingQtyE8, boolean priorityKept) implements Event {
        @Override
        public Kind kind() {
            return Kind.AMENDED;
        }

        @Override
        public String toLogLine() {
            return seq + " " + tsNanos + " AMENDED order=" + orderId + " account=" + accountId
                    + " price=" + DecimalE8.format(priceE8) + " qty=" + DecimalE8.format(qtyE8)
                    + " remaining=" + DecimalE8.format(remainingQtyE8) + (priorityKept ? " priorityKept" : " priorityLost");
        }
    }
}
