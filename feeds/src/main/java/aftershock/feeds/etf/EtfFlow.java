package aftershock.feeds.etf;

import java.time.LocalDate;

/**
 * One fund's net creation/redemption flow on one US trading day, in US$ E8 (a table's "111.7" US$ millions is
 * 11_170_000_000_000_000). {@code reported} is false where the table has no number yet ({@code -} or blank: not
 * reported, which is not the same as a zero flow); the flow is then 0. The ticker {@code TOTAL} holds the table's own
 * total column.
 */
public record EtfFlow(LocalDate date, String ticker, boolean reported, long flowUsdE8) {
    public static final String TOTAL = "TOTAL";

    public EtfFlow {
        if (date == null || ticker == null || ticker.isEmpty()) {
            throw new IllegalArgumentException("an ETF flow needs a date and a ticker");
        }
        if (!reported && flowUsdE8 != 0) {
            throw new IllegalArgumentException("an unreported flow must be 0, was " + flowUsdE8);
        }
    }
}
