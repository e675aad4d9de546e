package aftershock.bench;

import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;
import aftershock.engine.book.OrderBook;

/**
 * A pre-generated command stream in primitive arrays, so that generating commands is never timed. The first
 * {@link #prefillCount()} commands build the resting book; the rest are the measured operations. Order ids in
 * the stream are the ids the book assigns when the stream is replayed on a fresh (or reset) book.
 */
public final class Workload {
    public static final byte GTC = 0;
    public static final byte IOC = 1;
    public static final byte MARKET = 2;
    public static final byte CANCEL = 3;
    public static final byte AMEND = 4;
    public static final byte FOK = 5;

    private final String name;
    private final aftershock.engine.api.Instrument instrument;
    private final int prefillCount;
    private final int expectedResting;
    final byte[] op;
    final byte[] side;
    final long[] account;
    final long[] price;
    final long[] qty;
    final long[] orderId;

    Workload(String name, aftershock.engine.api.Instrument instrument, int prefillCount, int expectedResting, byte[] op, byte[] side, long[] account, long[] price,
             long[] qty, long[] orderId) {
        this.name = name;
        this.instrument = instrument;
        this.prefillCount = prefillCount;
        this.expectedResting = expectedResting;
        this.op = op;
        this.side = side;
        this.account = account;
        this.price = price;
        this.qty = qty;
        this.orderId = orderId;
    }

    public String name() {
        return name;
    }

    /** The instrument the workload's prices and sizes are valid for. */
    public aftershock.engine.api.Instrument instrument() {
        return instrument;
    }

    public int prefillCount() {
        return prefillCount;
    }

    /** Commands measured (after the prefill). */
    public int measuredCount() {
        return op.length - prefillCount;
    }

    public int totalCount() {
        return op.length;
    }

    /** Resting orders after the prefill (sizing hint for the book). */
    public int expectedResting() {
        return expectedResting;
    }

    /** Share of measured commands of one kind, for reporting the mix. */
    public double share(byte... kinds) {
        int n = 0;
        for (int i = prefillCount; i < op.length; i++) {
            for (byte kind : kinds) {
                if (op[i] == kind) {
                    n++;
                }
            }
        }
        return (double) n / measuredCount();
    }

    /** Replays the prefill on a reset book. */
    public void prefill(OrderBook book) {
        book.reset();
        for (int i = 0; i < prefillCount; i++) {
            apply(book, i);
        }
    }

    /** Applies command {@code i}. */
    public void apply(OrderBook book, int i) {
        Side s = side[i] == 0 ? Side.BUY : Side.SELL;
        switch (op[i]) {
            case GTC -> book.place(i, account[i], 0L, s, OrderType.LIMIT, TimeInForce.GTC, price[i], qty[i], 0L,
                    WorkingType.CONTRACT_PRICE, false, StpMode.NONE);
            case IOC -> book.place(i, account[i], 0L, s, OrderType.LIMIT, TimeInForce.IOC, price[i], qty[i], 0L,
                    WorkingType.CONTRACT_PRICE, false, StpMode.NONE);
            case FOK -> book.place(i, account[i], 0L, s, OrderType.LIMIT, TimeInForce.FOK, price[i], qty[i], 0L,
                    WorkingType.CONTRACT_PRICE, false, StpMode.NONE);
            case MARKET -> book.place(i, account[i], 0L, s, OrderType.MARKET, TimeInForce.IOC, 0L, qty[i], 0L,
                    WorkingType.CONTRACT_PRICE, false, StpMode.NONE);
            case CANCEL -> book.cancel(i, account[i], orderId[i], 0L);
            case AMEND -> book.amend(i, account[i], orderId[i], price[i], qty[i]);
            default -> throw new IllegalStateException("op " + op[i]);
        }
    }
}
