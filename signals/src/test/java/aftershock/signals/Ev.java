package aftershock.signals;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.AdlRisk;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;

/** Hand-made market events for tests: decimals as text, the same time for exchange and receive. */
public final class Ev {
    private static long tradeIds;

    private Ev() {
    }

    public static long d(String decimal) {
        return DecimalE8.parse(decimal);
    }

    public static MarketEvent.BookTop top(FeedSource source, String symbol, long tsMs, String bid, String ask) {
        return new MarketEvent.BookTop(source, symbol, tsMs, tsMs, d(bid), MarketEvent.ABSENT, d(ask),
                MarketEvent.ABSENT);
    }

    public static MarketEvent.Trade trade(FeedSource source, String symbol, long tsMs, String price, String qty,
                                          Side aggressor) {
        return new MarketEvent.Trade(source, symbol, tsMs, tsMs, d(price), d(qty), aggressor,
                Long.toString(++tradeIds));
    }

    public static MarketEvent.MarkFunding mark(FeedSource source, String symbol, long tsMs, String mark,
                                               String funding) {
        return new MarketEvent.MarkFunding(source, symbol, tsMs, tsMs, mark == null ? MarketEvent.ABSENT : d(mark),
                MarketEvent.ABSENT, funding == null ? MarketEvent.ABSENT : d(funding), MarketEvent.ABSENT);
    }

    public static MarketEvent.OpenInterest oi(FeedSource source, String symbol, long tsMs, String qty) {
        return new MarketEvent.OpenInterest(source, symbol, tsMs, tsMs, d(qty), MarketEvent.ABSENT);
    }

    public static MarketEvent.Liquidation liq(FeedSource source, String symbol, long tsMs, PositionSide side,
                                              String price, String qty, boolean sampled) {
        return new MarketEvent.Liquidation(source, symbol, tsMs, tsMs, side, d(price), d(qty), sampled);
    }

    public static MarketEvent.AdlNotice adl(FeedSource source, String symbol, long tsMs, AdlRisk risk) {
        return new MarketEvent.AdlNotice(source, symbol, tsMs, tsMs, risk, "", MarketEvent.ABSENT,
                MarketEvent.ABSENT, MarketEvent.ABSENT, MarketEvent.ABSENT, MarketEvent.ABSENT);
    }
}
