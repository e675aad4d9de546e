package aftershock.feeds.wire;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.MarketEvent;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Typed, checked access to the fields of a venue's JSON message. Every failure is a {@link Rejected} whose reason
 * names the rule and the field: {@code missing-field:p}, {@code bad-type:E}, {@code bad-decimal:q},
 * {@code out-of-range:p}, {@code bad-time:T}, {@code bad-symbol:s}. Decimals are exact (text to E8 longs, never
 * through floating point); venues send them as strings, but a JSON number is accepted from its exact text.
 */
public final class Fields {
    /** Epoch milliseconds above this (year 2286) are a unit mistake (µs or ns), not a time. */
    public static final long TIME_MS_MAX = 9_999_999_999_999L;
    /** Venue symbols are short; longer text is not a symbol. */
    public static final int SYMBOL_LENGTH_MAX = 64;

    private Fields() {
    }

    /** The field's node; missing or JSON null is rejected. */
    public static JsonNode field(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            throw new Rejected("missing-field:" + key);
        }
        return n;
    }

    /** True if the object has the field with a non-null value. */
    public static boolean has(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        return n != null && !n.isNull();
    }

    public static JsonNode object(JsonNode obj, String key) {
        JsonNode n = field(obj, key);
        if (!n.isObject()) {
            throw new Rejected("bad-type:" + key);
        }
        return n;
    }

    public static JsonNode array(JsonNode obj, String key) {
        JsonNode n = field(obj, key);
        if (!n.isArray()) {
            throw new Rejected("bad-type:" + key);
        }
        return n;
    }

    public static String text(JsonNode obj, String key) {
        JsonNode n = field(obj, key);
        if (!n.isTextual()) {
            throw new Rejected("bad-type:" + key);
        }
        return n.textValue();
    }

    /** A venue symbol: 1..64 visible ASCII characters. */
    public static String symbol(JsonNode obj, String key) {
        String s = text(obj, key);
        if (!isSymbol(s)) {
            throw new Rejected("bad-symbol:" + key);
        }
        return s;
    }

    public static boolean isSymbol(String s) {
        if (s.isEmpty() || s.length() > SYMBOL_LENGTH_MAX) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    public static boolean bool(JsonNode obj, String key) {
        JsonNode n = field(obj, key);
        if (!n.isBoolean()) {
            throw new Rejected("bad-type:" + key);
        }
        return n.booleanValue();
    }

    /** A non-negative integer (ids, sequence numbers), as a JSON integer or a string of digits. */
    public static long id(JsonNode obj, String key) {
        long v = integer(field(obj, key), "bad-type:" + key);
        if (v < 0) {
            throw new Rejected("out-of-range:" + key);
        }
        return v;
    }

    /** Epoch milliseconds, positive and plausible, as a JSON integer or a string of digits. */
    public static long timeMs(JsonNode obj, String key) {
        long v = integer(field(obj, key), "bad-time:" + key);
        if (v <= 0 || v > TIME_MS_MAX) {
            throw new Rejected("bad-time:" + key);
        }
        return v;
    }

    /** Like {@link #timeMs} but 0, "" or a missing field give {@link MarketEvent#ABSENT}. */
    public static long timeMsOrAbsent(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull() || (n.isTextual() && n.textValue().isEmpty())) {
            return MarketEvent.ABSENT;
        }
        long v = integer(n, "bad-time:" + key);
        if (v == 0) {
            return MarketEvent.ABSENT;
        }
        if (v < 0 || v > TIME_MS_MAX) {
            throw new Rejected("bad-time:" + key);
        }
        return v;
    }

    /** An exact decimal at E8 (any sign). */
    public static long decimalE8(JsonNode obj, String key) {
        return valueE8(field(obj, key), key);
    }

    /** Like {@link #decimalE8(JsonNode, String)} but a missing field, null or "" give {@link MarketEvent#ABSENT}. */
    public static long decimalE8OrAbsent(JsonNode obj, String key) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull() || (n.isTextual() && n.textValue().isEmpty())) {
            return MarketEvent.ABSENT;
        }
        return valueE8(n, key);
    }

    /** A decimal that must be strictly positive (prices, trade sizes). */
    public static long positiveE8(JsonNode obj, String key) {
        long v = decimalE8(obj, key);
        if (v <= 0) {
            throw new Rejected("out-of-range:" + key);
        }
        return v;
    }

    /** A decimal that must not be negative (open interest, level sizes where 0 means "remove"). */
    public static long nonNegativeE8(JsonNode obj, String key) {
        long v = decimalE8(obj, key);
        if (v < 0) {
            throw new Rejected("out-of-range:" + key);
        }
        return v;
    }

    /** A decimal node (string or number) at E8; {@code name} names the field in the reason. */
    public static long valueE8(JsonNode n, String name) {
        if (n.isTextual()) {
            String t = n.textValue();
            // DecimalE8 ignores surrounding blanks; a venue never sends them, so they are a sign of a broken message.
            if (t.isEmpty() || t.length() > 64 || t.charAt(0) <= ' ' || t.charAt(t.length() - 1) <= ' ') {
                throw new Rejected("bad-decimal:" + name);
            }
            try {
                return DecimalE8.parse(t);
            } catch (NumberFormatException e) {
                throw new Rejected("bad-decimal:" + name);
            }
        }
        if (n.isNumber()) {
            return numberE8(n.decimalValue(), name);
        }
        throw new Rejected("bad-decimal:" + name);
    }

    /**
     * A decimal text rounded half-even to 8 places, for the few venue fields published with more precision than E8
     * (OKX funding rates have 16 decimals). The rounding is the documented, explicit exception, not the rule.
     */
    public static long decimalE8RoundedHalfEven(JsonNode obj, String key) {
        JsonNode n = field(obj, key);
        BigDecimal d;
        if (n.isTextual()) {
            String t = n.textValue();
            if (t.isEmpty() || t.length() > 64) {
                throw new Rejected("bad-decimal:" + key);
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!((c >= '0' && c <= '9') || c == '.' || (i == 0 && (c == '-' || c == '+')))) {
                    throw new Rejected("bad-decimal:" + key);
                }
            }
            try {
                d = new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new Rejected("bad-decimal:" + key);
            }
        } else if (n.isNumber()) {
            d = n.decimalValue();
        } else {
            throw new Rejected("bad-decimal:" + key);
        }
        if (d.precision() - d.scale() > 12) {
            throw new Rejected("bad-decimal:" + key);
        }
        try {
            return d.setScale(8, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new Rejected("bad-decimal:" + key);
        }
    }

    private static long numberE8(BigDecimal d, String name) {
        // Guard before any arithmetic: 1e999999999 is short text but an enormous number.
        if (d.signum() == 0) {
            return 0;
        }
        if (d.precision() - d.scale() > 12 || d.scale() > 40) {
            throw new Rejected("bad-decimal:" + name);
        }
        try {
            return d.movePointRight(8).longValueExact();
        } catch (ArithmeticException e) {
            throw new Rejected("bad-decimal:" + name);
        }
    }

    private static long integer(JsonNode n, String reason) {
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw new Rejected(reason);
            }
            return n.longValue();
        }
        if (n.isTextual()) {
            String t = n.textValue();
            if (t.isEmpty() || t.length() > 19) {
                throw new Rejected(reason);
            }
            long v = 0;
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    throw new Rejected(reason);
                }
                v = v * 10 + (c - '0');
                if (v < 0) {
                    throw new Rejected(reason);
                }
            }
            return v;
        }
        throw new Rejected(reason);
    }
}
