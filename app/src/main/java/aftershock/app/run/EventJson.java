package aftershock.app.run;

import aftershock.engine.api.DecimalE8;
import aftershock.engine.exchange.ExchangeEvent;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exchange events as flat JSON-ready maps with stable field names: {@code seq}, {@code time} (seconds since the
 * start, exact), {@code type}, then the event's fields in declaration order. A field whose engine name ends in
 * {@code E8} loses the suffix and is written as an exact decimal string ({@code "100000.5"}); enums as names.
 */
public final class EventJson {
    private EventJson() {
    }

    public static Map<String, Object> toMap(ExchangeEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("time", seconds(e.tsNanos()));
        if (e instanceof ExchangeEvent.Book b) {
            m.put("type", b.event().kind().name());
            m.put("symbol", b.symbol());
            fields((Record) b.event(), m);
        } else {
            m.put("type", upperSnake(e.getClass().getSimpleName()));
            fields((Record) e, m);
        }
        return m;
    }

    private static void fields(Record r, Map<String, Object> m) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            String name = c.getName();
            if (name.equals("seq") || name.equals("tsNanos") || name.equals("event") || (name.equals("symbol") && m.containsKey("symbol"))) {
                continue;
            }
            if (name.equals("type") && m.containsKey("type")) {
                name = "orderType"; // an order's type; the event's own type comes first
            }
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
            if (name.endsWith("E8") && v instanceof Long l) {
                m.put(name.substring(0, name.length() - 2), DecimalE8.format(l));
            } else if (name.endsWith("Nanos") && v instanceof Long l) {
                m.put(name.substring(0, name.length() - 5), seconds(l));
            } else if (v instanceof Enum<?> en) {
                m.put(name, en.name());
            } else {
                m.put(name, v);
            }
        }
    }

    /** Nanoseconds as an exact decimal string of seconds. */
    public static String seconds(long nanos) {
        return new java.math.BigDecimal(nanos).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    static String upperSnake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(ch));
        }
        return sb.toString();
    }
}
