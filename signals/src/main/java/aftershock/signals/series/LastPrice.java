package aftershock.signals.series;

import aftershock.feeds.BookLevel;
import aftershock.feeds.MarketEvent;

/**
 * The latest price of one kind for one market, and when it was last updated (on the signals' clock). Events of
 * other markets or kinds are ignored.
 */
public final class LastPrice {
    private final Market market;
    private final PriceKind kind;
    private long priceE8 = MarketEvent.ABSENT;
    private long updatedTsMs = Long.MIN_VALUE;

    public LastPrice(Market market, PriceKind kind) {
        this.market = market;
        this.kind = kind;
    }

    /** Takes the event's price if it is this market's price of this kind; returns whether it did. */
    public boolean accept(MarketEvent e, long nowMs) {
        if (!market.matches(e)) {
            return false;
        }
        long p = of(e, kind);
        if (p == MarketEvent.ABSENT) {
            return false;
        }
        priceE8 = p;
        updatedTsMs = nowMs;
        return true;
    }

    /** The event's price of this kind, or ABSENT. */
    public static long of(MarketEvent e, PriceKind kind) {
        return switch (kind) {
            case MARK -> e instanceof MarketEvent.MarkFunding m ? m.markPriceE8() : MarketEvent.ABSENT;
            case TRADE -> e instanceof MarketEvent.Trade t ? t.priceE8() : MarketEvent.ABSENT;
            case MID -> midOf(e);
        };
    }

    private static long midOf(MarketEvent e) {
        if (e instanceof MarketEvent.BookTop b) {
            return mid(b.bidPriceE8(), b.askPriceE8());
        }
        if (e instanceof MarketEvent.BookDepth d && !d.bids().isEmpty() && !d.asks().isEmpty()) {
            BookLevel bid = d.bids().get(0);
            BookLevel ask = d.asks().get(0);
            return mid(bid.priceE8(), ask.priceE8());
        }
        return MarketEvent.ABSENT;
    }

    /** (bid + ask) / 2, rounded down. */
    public static long mid(long bidE8, long askE8) {
        return Math.floorDiv(Math.addExact(bidE8, askE8), 2);
    }

    public Market market() {
        return market;
    }

    public boolean present() {
        return priceE8 != MarketEvent.ABSENT;
    }

    /** The price, or ABSENT if none yet. */
    public long priceE8() {
        return priceE8;
    }

    /** When the price was last updated, or {@link Long#MIN_VALUE}. */
    public long updatedTsMs() {
        return updatedTsMs;
    }

    /** Present and updated no longer than {@code staleAfterMs} before {@code nowMs}. */
    public boolean freshAt(long nowMs, long staleAfterMs) {
        return present() && nowMs - updatedTsMs <= staleAfterMs;
    }
}
