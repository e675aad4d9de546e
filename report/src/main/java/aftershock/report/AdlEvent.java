package aftershock.report;

/**
 * One auto-deleveraging fill: a profitable opposite position closed against a bankrupt one, plotted against the
 * mark price (the further from the mark, the more the ADL policy cost the deleveraged trader).
 *
 * @param timeMs         when, epoch milliseconds (UTC)
 * @param symbol         the instrument
 * @param executionPrice the ADL execution price (the bankrupt position's bankruptcy price, or the policy's price),
 *                       USD per unit of base asset
 * @param markPrice      the mark price at that time, USD per unit
 * @param deviationPct   {@code |executionPrice - markPrice| / markPrice}, in percent (0.8 = 0.8 %)
 * @param qty            the quantity deleveraged, units of base asset (BTC, ETH)
 * @param notionalUsd    {@code qty × executionPrice}, USD
 */
public record AdlEvent(long timeMs, String symbol, double executionPrice, double markPrice, double deviationPct,
                       double qty, double notionalUsd) {
    public AdlEvent {
        Series.requireText(symbol, "ADL event symbol");
        requireFinite(executionPrice, "executionPrice");
        requireFinite(markPrice, "markPrice");
        requireFinite(deviationPct, "deviationPct");
        requireFinite(qty, "qty");
        requireFinite(notionalUsd, "notionalUsd");
    }

    /** An ADL fill with its deviation from the mark and its notional derived from the prices and quantity. */
    public static AdlEvent of(long timeMs, String symbol, double executionPrice, double markPrice, double qty) {
        double deviationPct = markPrice == 0 ? 0 : Math.abs(executionPrice - markPrice) / markPrice * 100;
        return new AdlEvent(timeMs, symbol, executionPrice, markPrice, deviationPct, qty,
                Math.abs(qty * executionPrice));
    }

    private static void requireFinite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("ADL event " + field + " must be a finite number, got " + value);
        }
    }
}
