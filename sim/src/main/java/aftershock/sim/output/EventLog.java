package aftershock.sim.output;

import aftershock.engine.api.Event;
import aftershock.engine.exchange.ExchangeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The run's event log: every perpetual-exchange event and every spot-book event, in the order they happened, one
 * canonical text line each ({@code P <exchange event record>} or {@code S <venue> <book event log line>}). Its SHA-256
 * is always computed (the run's fingerprint: same scenario and seed → same hash); the lines are written only when
 * asked for.
 */
public final class EventLog {
    private final MessageDigest digest;
    private final Writer writer;
    private final StringBuilder line = new StringBuilder(256);
    private long events;
    private byte[] buffer = new byte[512];

    /** Receives every event as it is logged (e.g. to write them as JSON Lines); optional. */
    public interface Listener {
        void perp(ExchangeEvent e);

        void spot(String venue, Event e);

        void note(long tsNanos, String text);
    }

    private Listener listener;

    public EventLog listener(Listener l) {
        this.listener = l;
        return this;
    }

    public EventLog(Writer writer) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.writer = writer;
    }

    public void perp(ExchangeEvent e) {
        if (listener != null) {
            listener.perp(e);
        }
        line.setLength(0);
        line.append("P ");
        if (e instanceof ExchangeEvent.Book b) {
            line.append(b.symbol()).append(' ');
            book(b.event());
        } else if (e instanceof ExchangeEvent.Fill f) {
            line.append(f.seq()).append(' ').append(f.tsNanos()).append(" FILL ").append(f.accountId()).append(' ')
                    .append(f.symbol()).append(' ').append(f.orderId()).append(' ').append(f.side().name()).append(' ')
                    .append(f.priceE8()).append(' ').append(f.qtyE8()).append(f.maker() ? " M " : " T ").append(f.feeE8())
                    .append(' ').append(f.realizedPnlE8()).append(' ').append(f.positionQtyE8()).append(' ')
                    .append(f.entryPriceE8()).append(' ').append(f.walletBalanceE8());
        } else if (e instanceof ExchangeEvent.MarkPrice m) {
            line.append(m.seq()).append(' ').append(m.tsNanos()).append(" MARK ").append(m.symbol()).append(' ')
                    .append(m.markPriceE8()).append(' ').append(m.indexPriceE8());
        } else if (e instanceof ExchangeEvent.Liquidation l) {
            line.append(l.seq()).append(' ').append(l.tsNanos()).append(" LIQ ").append(l.accountId()).append(' ')
                    .append(l.symbol()).append(' ').append(l.stage()).append(' ').append(l.qtyE8()).append(' ')
                    .append(l.priceE8()).append(' ').append(l.markPriceE8()).append(' ').append(l.bankruptcyPriceE8())
                    .append(' ').append(l.amountE8()).append(' ').append(l.counterpartyId()).append(' ').append(l.deviationE8());
        } else {
            line.append(e); // rarer events: the record's own text
        }
        emit();
    }

    public void spot(String venue, Event e) {
        if (listener != null) {
            listener.spot(venue, e);
        }
        line.setLength(0);
        line.append("S ").append(venue).append(' ');
        book(e);
        emit();
    }

    /** A book event in a compact canonical form (raw E8 integers; the fields of the record, in order). */
    private void book(Event e) {
        line.append(e.seq()).append(' ').append(e.tsNanos()).append(' ');
        switch (e.kind()) {
            case ACCEPTED -> {
                Event.OrderAccepted a = (Event.OrderAccepted) e;
                line.append("ACC ").append(a.orderId()).append(' ').append(a.accountId()).append(' ').append(a.clientOrderId())
                        .append(' ').append(a.side().name()).append(' ').append(a.type().name()).append(' ')
                        .append(a.timeInForce().name()).append(' ').append(a.priceE8()).append(' ').append(a.qtyE8())
                        .append(' ').append(a.stopPriceE8()).append(a.reduceOnly() ? " R" : "");
            }
            case TRADE -> {
                Event.Trade t = (Event.Trade) e;
                line.append("TRD ").append(t.tradeId()).append(' ').append(t.priceE8()).append(' ').append(t.qtyE8())
                        .append(' ').append(t.aggressorSide().name()).append(' ').append(t.takerOrderId()).append(' ')
                        .append(t.takerAccountId()).append(' ').append(t.makerOrderId()).append(' ').append(t.makerAccountId());
            }
            case CANCELLED -> {
                Event.OrderCancelled c = (Event.OrderCancelled) e;
                line.append("CXL ").append(c.orderId()).append(' ').append(c.accountId()).append(' ')
                        .append(c.remainingQtyE8()).append(' ').append(c.reason().name());
            }
            case EXPIRED -> {
                Event.OrderExpired x = (Event.OrderExpired) e;
                line.append("EXP ").append(x.orderId()).append(' ').append(x.accountId()).append(' ')
                        .append(x.remainingQtyE8()).append(' ').append(x.reason().name());
            }
            default -> line.append(e.toLogLine());
        }
    }

    /** A line of the simulator's own (agent decisions worth auditing, shocks). */
    public void note(long tsNanos, String text) {
        if (listener != null) {
            listener.note(tsNanos, text);
        }
        line.setLength(0);
        line.append("N ").append(tsNanos).append(' ').append(text);
        emit();
    }

    private void emit() {
        line.append('\n');
        events++;
        // Lines are ASCII: hash them without building a String.
        int n = line.length();
        if (buffer.length < n) {
            buffer = new byte[Math.max(n, buffer.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            buffer[i] = (byte) line.charAt(i);
        }
        digest.update(buffer, 0, n);
        if (writer != null) {
            try {
                writer.append(line);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    public long events() {
        return events;
    }

    /** The SHA-256 of every line so far, hex; call once at the end. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
