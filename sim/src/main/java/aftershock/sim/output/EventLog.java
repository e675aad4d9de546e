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
    private final Line line = new Line();
    private long events;

    /**
     * The line being built, as the bytes that are hashed: chars are stored as {@code (byte) c} (the lines are ASCII;
     * anything else is truncated the same way every run) and numbers are written as decimal digits directly, without
     * going through a StringBuilder and a copy (this log sees every event of a run: ~13 million lines a simulated day).
     */
    static final class Line {
        byte[] bytes = new byte[512];
        int length;
        /** The line as the chars appended, kept only when lines are also written out (non-ASCII text intact there). */
        StringBuilder text;

        void setLength(int n) {
            length = n;
            if (text != null) {
                text.setLength(n);
            }
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        Line append(char c) {
            room(1);
            bytes[length++] = (byte) c;
            if (text != null) {
                text.append(c);
            }
            return this;
        }

        Line append(String str) {
            int n = str.length();
            room(n);
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) str.charAt(i);
            }
            if (text != null) {
                text.append(str);
            }
            return this;
        }

        Line append(Object o) {
            return append(String.valueOf(o));
        }

        Line append(long v) {
            if (text != null) {
                text.append(v);
            }
            if (v == Long.MIN_VALUE) {
                String m = Long.toString(v);
                room(m.length());
                for (int i = 0; i < m.length(); i++) {
                    bytes[length++] = (byte) m.charAt(i);
                }
                return this;
            }
            room(20);
            if (v < 0) {
                bytes[length++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            int end = length + digits;
            for (int i = end - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + (int) (v % 10));
                v /= 10;
            }
            length = end;
            return this;
        }

        Line append(int v) {
            return append((long) v);
        }
    }

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
        if (writer != null) {
            line.text = new StringBuilder(256);
        }
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
        digest.update(line.bytes, 0, line.length);
        if (writer != null) {
            try {
                writer.append(line.text);
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
