package aftershock.engine.margin;

import aftershock.engine.api.DecimalE8;

import java.util.ArrayList;
import java.util.List;

/**
 * A symbol's leverage brackets as of a date. Venues change these tables; a table is data with its date, and a
 * scenario can pin another. The constructor checks that tiers are contiguous from 0, leverage falls and MMR rises
 * with notional, and that every maintenance amount satisfies the recurrence that makes maintenance margin
 * continuous across tiers: {@code cum_n = cum_(n-1) + floor_n × (mmr_n − mmr_(n-1))}.
 */
public record BracketTable(String symbol, String asOf, String source, List<LeverageBracket> brackets) {

    public BracketTable {
        brackets = List.copyOf(brackets);
        if (brackets.isEmpty()) {
            throw new IllegalArgumentException(symbol + ": no brackets");
        }
        for (int i = 0; i < brackets.size(); i++) {
            LeverageBracket b = brackets.get(i);
            if (b.bracket() != i + 1) {
                throw new IllegalArgumentException(symbol + ": bracket " + b.bracket() + " out of order at " + (i + 1));
            }
            if (i == 0) {
                if (b.notionalFloorE8() != 0 || b.cumE8() != 0) {
                    throw new IllegalArgumentException(symbol + ": first bracket must start at 0 with cum 0");
                }
                continue;
            }
            LeverageBracket p = brackets.get(i - 1);
            if (b.notionalFloorE8() != p.notionalCapE8()) {
                throw new IllegalArgumentException(symbol + ": bracket " + b.bracket() + " does not start where " + p.bracket() + " ends");
            }
            if (b.initialLeverage() > p.initialLeverage() || b.maintMarginRateE8() < p.maintMarginRateE8()) {
                throw new IllegalArgumentException(symbol + ": bracket " + b.bracket() + " raises leverage or lowers MMR");
            }
            long expectCum = p.cumE8() + Fixed.applyRate(b.notionalFloorE8(), b.maintMarginRateE8() - p.maintMarginRateE8(), Fixed.Round.FLOOR);
            if (expectCum != b.cumE8()) {
                throw new IllegalArgumentException(symbol + ": bracket " + b.bracket() + " cum " + DecimalE8.format(b.cumE8())
                        + " breaks the recurrence (expected " + DecimalE8.format(expectCum) + ")");
            }
        }
    }

    /** The bracket for a notional (E8, non-negative); the last bracket beyond its cap. */
    public LeverageBracket bracketFor(long notionalE8) {
        for (LeverageBracket b : brackets) {
            if (notionalE8 < b.notionalCapE8()) {
                return b;
            }
        }
        return brackets.get(brackets.size() - 1);
    }

    /** Maintenance margin = notional × MMR − cum of the notional's bracket, rounded up. */
    public long maintenanceMarginE8(long notionalE8) {
        LeverageBracket b = bracketFor(notionalE8);
        return Math.max(0, Fixed.applyRate(notionalE8, b.maintMarginRateE8(), Fixed.Round.CEILING) - b.cumE8());
    }

    /** The largest notional a position may reach at this leverage (the cap of the last bracket allowing it), or 0. */
    public long maxNotionalE8(int leverage) {
        long max = 0;
        for (LeverageBracket b : brackets) {
            if (b.initialLeverage() >= leverage) {
                max = b.notionalCapE8();
            }
        }
        return max;
    }

    public int maxLeverage() {
        return brackets.get(0).initialLeverage();
    }

    /** Builds a table from rows of decimal strings: {leverage, floor, cap, mmr, cum}. */
    public static BracketTable of(String symbol, String asOf, String source, String[][] rows) {
        List<LeverageBracket> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            String[] r = rows[i];
            list.add(new LeverageBracket(i + 1, Integer.parseInt(r[0]), DecimalE8.parse(r[1]), DecimalE8.parse(r[2]),
                    DecimalE8.parse(r[3]), DecimalE8.parse(r[4])));
        }
        return new BracketTable(symbol, asOf, source, list);
    }
}
