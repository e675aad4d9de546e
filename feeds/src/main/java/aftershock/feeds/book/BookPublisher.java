package aftershock.feeds.book;

import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;

import java.util.function.Consumer;

/**
 * Turns a local book that is in sync into events: a {@code BookDepth} of the top levels after every applied update,
 * and a {@code BookTop} whenever the best bid or ask (price or quantity) changed. A crossed book is not published.
 */
public final class BookPublisher {
    private final int depthLevels;
    private long bidPriceE8;
    private long bidQtyE8;
    private long askPriceE8;
    private long askQtyE8;

    public BookPublisher(int depthLevels) {
        this.depthLevels = depthLevels;
    }

    /** Publishes the book; returns false (and publishes nothing) if it is crossed. */
    public boolean publish(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs, long updateId,
                           LocalBook book, Consumer<MarketEvent> out) {
        if (book.crossed()) {
            return false;
        }
        if (depthLevels > 0) {
            out.accept(new MarketEvent.BookDepth(source, symbol, exchangeTsMs, receiveTsMs, updateId,
                    book.topBids(depthLevels), book.topAsks(depthLevels)));
        }
        long bp = book.bestBidPriceE8();
        long bq = book.bestBidQtyE8();
        long ap = book.bestAskPriceE8();
        long aq = book.bestAskQtyE8();
        if (bp != bidPriceE8 || bq != bidQtyE8 || ap != askPriceE8 || aq != askQtyE8) {
            bidPriceE8 = bp;
            bidQtyE8 = bq;
            askPriceE8 = ap;
            askQtyE8 = aq;
            if (bp > 0 && ap > 0) {
                out.accept(new MarketEvent.BookTop(source, symbol, exchangeTsMs, receiveTsMs, bp, bq, ap, aq));
            }
        }
        return true;
    }

    /** Forgets the last published top (after a resync the first top is published again). */
    public void reset() {
        bidPriceE8 = 0;
        bidQtyE8 = 0;
        askPriceE8 = 0;
        askQtyE8 = 0;
    }
}
