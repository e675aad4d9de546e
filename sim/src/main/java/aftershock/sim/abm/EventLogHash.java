package aftershock.sim.abm;

import aftershock.engine.api.CancelReason;
import aftershock.engine.api.CommandKind;
import aftershock.engine.api.ExpireReason;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over a compact canonical encoding of the book's events, without keeping the log (docs/ABM-BENCH.md
 * specifies it byte for byte). Each event is a tag byte and its fields as LEB128 varints, quantities and codes as
 * they are, the rest as zigzagged differences to stay short: the timestamp from the previous event's, order ids
 * from the last accepted order id, trade ids from the last trade id, prices from the last price written, accounts
 * from the last account written, a trade's maker order id from its taker's. Bytes go through a buffer into the
 * digest, so hashing allocates nothing.
 */
final class EventLogHash {
    /**
     * A 16 KiB buffer, flushed when less than the longest event (a tag and 9 varints, < 100 bytes) is left: in a
     * fresh JVM this size hashed W1 fastest (4 KiB and 64 KiB were ~20% slower).
     */
    private static final int BUFFER_BYTES = 1 << 14;
    private static final int FLUSH_AT = BUFFER_BYTES - 128;
    private static final int TIFS = TimeInForce.values().length;

    private final MessageDigest sha;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private long flushed;
    private long lastTsNanos;
    private long lastOrderId;
    private long lastTradeId;
    private long lastPriceTicks;
    private long lastAccountId;

    EventLogHash() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    void accepted(long tsNanos, long orderId, long accountId, long clientOrderId, Side side, OrderType type,
                  TimeInForce tif, long priceTicks, long qtyLots, long stopPriceTicks, boolean reduceOnly) {
        begin('A', tsNanos);
        signed(orderId - lastOrderId);
        lastOrderId = orderId;
        account(accountId);
        unsigned(clientOrderId);
        unsigned((((long) type.ordinal() * TIFS + tif.ordinal()) * 2 + side.ordinal()) * 2 + (reduceOnly ? 1 : 0));
        price(priceTicks);
        unsigned(qtyLots);
        signed(stopPriceTicks);
    }

    void rejected(long tsNanos, CommandKind command, long accountId, long clientOrderId, long orderId,
                  RejectReason reason) {
        begin('R', tsNanos);
        unsigned(command.ordinal());
        account(accountId);
        unsigned(clientOrderId);
        signed(orderId - lastOrderId);
        unsigned(reason.ordinal());
    }

    void trade(long tsNanos, long tradeId, long priceTicks, long qtyLots, Side aggressorSide, long takerOrderId,
               long takerAccountId, long makerOrderId, long makerAccountId) {
        begin('T', tsNanos);
        signed(tradeId - lastTradeId);
        lastTradeId = tradeId;
        price(priceTicks);
        unsigned(qtyLots);
        unsigned(aggressorSide.ordinal());
        signed(takerOrderId - lastOrderId);
        account(takerAccountId);
        signed(makerOrderId - takerOrderId);
        account(makerAccountId);
    }

    void cancelled(long tsNanos, long orderId, long accountId, long remainingQtyLots, CancelReason reason) {
        begin('C', tsNanos);
        signed(orderId - lastOrderId);
        account(accountId);
        unsigned(remainingQtyLots);
        unsigned(reason.ordinal());
    }

    void expired(long tsNanos, long orderId, long accountId, long remainingQtyLots, ExpireReason reason) {
        begin('E', tsNanos);
        signed(orderId - lastOrderId);
        account(accountId);
        unsigned(remainingQtyLots);
        unsigned(reason.ordinal());
    }

    void triggered(long tsNanos, long orderId, long accountId, long stopPriceTicks, WorkingType workingType,
                   long triggerPriceE8) {
        begin('G', tsNanos);
        signed(orderId - lastOrderId);
        account(accountId);
        price(stopPriceTicks);
        unsigned(workingType.ordinal());
        signed(triggerPriceE8);
    }

    void amended(long tsNanos, long orderId, long accountId, long priceTicks, long qtyLots, long remainingQtyLots,
                 boolean priorityKept) {
        begin('M', tsNanos);
        signed(orderId - lastOrderId);
        account(accountId);
        price(priceTicks);
        unsigned(qtyLots);
        unsigned(remainingQtyLots);
        unsigned(priorityKept ? 1 : 0);
    }

    /** Starts an event: its tag and its timestamp; makes room for the longest event (tag + 9 varints). */
    private void begin(char tag, long tsNanos) {
        if (pos > FLUSH_AT) {
            flush();
        }
        buf[pos++] = (byte) tag;
        signed(tsNanos - lastTsNanos);
        lastTsNanos = tsNanos;
    }

    private void account(long accountId) {
        signed(accountId - lastAccountId);
        lastAccountId = accountId;
    }

    private void price(long priceTicks) {
        signed(priceTicks - lastPriceTicks);
        lastPriceTicks = priceTicks;
    }

    private void unsigned(long v) {
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void signed(long v) {
        unsigned((v << 1) ^ (v >> 63));
    }

    private void flush() {
        sha.update(buf, 0, pos);
        flushed += pos;
        pos = 0;
    }

    /** Bytes encoded so far. */
    long bytes() {
        return flushed + pos;
    }

    /** The hex digest of everything encoded; ends the hash. */
    String finish() {
        flush();
        byte[] d = sha.digest();
        StringBuilder hex = new StringBuilder(64);
        for (byte b : d) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
