package aftershock.engine.book;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.PositionSource;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static aftershock.engine.api.Side.BUY;
import static aftershock.engine.api.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call auction that reopens a halted book: orders collected without matching, then one clearing price for
 * everything that crosses. Prices in ticks (TEST: tick 0.1, so 10,000 ticks = 1000.0), quantities in lots.
 */
class CallAuctionTest {
    static final long A = 1;
    static final long B = 2;
    static final long C = 3;
    static final long D = 4;

    final LineSink sink = new LineSink();
    final OrderBook book = new OrderBook(TestInstruments.TEST, BookConfig.defaults(), sink, PositionSource.NONE);

    long limit(long account, Side side, TimeInForce tif, long price, long qty) {
        return book.place(1, account, 0, side, OrderType.LIMIT, tif, price, qty, 0, WorkingType.CONTRACT_PRICE, false,
                StpMode.NONE);
    }

    long gtc(long account, Side side, long price, long qty) {
        return limit(account, side, TimeInForce.GTC, price, qty);
    }

    List<String> since(int from) {
        return sink.lines.subList(from, sink.lines.size());
    }

    // ------------------------------------------------------------------ the clearing-price rules

    static long price(long[] bidPx, long[] bidQty, long[] askPx, long[] askQty, long reference) {
        return OrderBook.clearingPrice(bidPx, bidQty, bidPx.length, askPx, askQty, askPx.length, reference);
    }

    @Test
    void theClearingPriceMaximisesTheExecutedVolume() {
        // Bids 10,010 ×5 and 10,000 ×5; asks 9,990 ×3 and 10,005 ×6.
        // At 9,990: buy 10, sell 3 → 3. At 10,000: buy 10, sell 3 → 3. At 10,005: buy 5, sell 9 → 5.
        // At 10,010: buy 5, sell 9 → 5. Volume 5 at 10,005..10,010, surplus 4 everywhere there: nearest the
        // reference 10,000 is 10,005.
        assertEquals(10_005, price(new long[] {10_010, 10_000}, new long[] {5, 5}, new long[] {9_990, 10_005},
                new long[] {3, 6}, 10_000));
    }

    @Test
    void equalVolumesAreDecidedByTheSmallerSurplus() {
        // Bids 10,010 ×4; asks 9,990 ×4 and 10,000 ×2. Volume 4 at every price from 9,990 up; surplus 0 at
        // 9,990..9,999 (sell 4), 2 from 10,000 (sell 6): the surplus rule keeps the prices below 10,000, and the
        // reference 10,020 picks the nearest of them, 9,999 (inside the gap between two levels).
        assertEquals(9_999, price(new long[] {10_010}, new long[] {4}, new long[] {9_990, 10_000}, new long[] {4, 2}, 10_020));
    }

    @Test
    void equalVolumeAndSurplusAreDecidedByTheReferenceThenTheLowerPrice() {
        // One bid 10,010 ×2 against one ask 9,990 ×2: every price in 9,990..10,010 clears 2 with no surplus.
        assertEquals(10_003, price(new long[] {10_010}, new long[] {2}, new long[] {9_990}, new long[] {2}, 10_003));
        assertEquals(10_010, price(new long[] {10_010}, new long[] {2}, new long[] {9_990}, new long[] {2}, 10_500));
        assertEquals(9_990, price(new long[] {10_010}, new long[] {2}, new long[] {9_990}, new long[] {2}, OrderBook.NO_PRICE));
    }

    @Test
    void nothingCrossingHasNoClearingPrice() {
        assertEquals(OrderBook.NO_PRICE, price(new long[] {9_990}, new long[] {2}, new long[] {10_000}, new long[] {2}, 10_000));
    }

    // ------------------------------------------------------------------ the uncross on a real book

    @Test
    void ordersCollectedInTheAuctionRestCrossedAndTradeAtOnePrice() {
        gtc(A, SELL, 10_010, 50);         // resting before the halt
        gtc(B, BUY, 9_990, 50);
        book.beginAuction();
        int from = sink.lines.size();
        gtc(C, BUY, 10_020, 80);           // crosses the resting ask: rests anyway
        gtc(D, SELL, 9_980, 40);           // crosses the resting bid and C
        assertTrue(book.bestBidTicks() >= book.bestAskTicks(), "the auction book may cross");
        assertEquals(List.of(
                "ACCEPTED 3 acct=3 cl=0 BUY LIMIT GTC p=10020 q=80 stop=0 ro=false",
                "ACCEPTED 4 acct=4 cl=0 SELL LIMIT GTC p=9980 q=40 stop=0 ro=false"), since(from));
        // Bids 10,020 ×80, 9,990 ×50; asks 9,980 ×40, 10,010 ×50. At 9,980..9,990: buy 130 (80 above 9,990),
        // sell 40 → 40. At 10,010..10,020: buy 80, sell 90 → 80 (the maximum), surplus 10; nearest the reference
        // 10,000: 10,010.
        from = sink.lines.size();
        assertEquals(10_010, book.uncross(2, 10_000));
        assertEquals(List.of(
                "TRADE 1 p=10010 q=40 SELL taker=4/4 maker=3/3",   // C (best bid) against D (best ask), D is newer
                "TRADE 2 p=10010 q=40 BUY taker=3/3 maker=1/1"),   // C's rest against A's resting ask
                since(from));
        assertEquals(9_990, book.bestBidTicks());
        assertEquals(10_010, book.bestAskTicks());
        assertEquals(10_010, book.lastPriceTicks());
        assertEquals(10, book.remainingLots(1));
    }

    @Test
    void auctionMarketAndIocRemaindersExpireAfterTheUncross() {
        gtc(A, SELL, 10_010, 20);
        book.beginAuction();
        book.place(1, B, 0, BUY, OrderType.MARKET, TimeInForce.IOC, 0, 50, 0, WorkingType.CONTRACT_PRICE, false, StpMode.NONE);
        limit(C, BUY, TimeInForce.IOC, 10_000, 30);
        int from = sink.lines.size();
        // The market buy rests at the price bound; it meets A's 20 at 10,010 (the only volume, surplus 30).
        assertEquals(10_010, book.uncross(2, 10_000));
        assertEquals(List.of(
                "TRADE 1 p=10010 q=20 BUY taker=2/2 maker=1/1",
                "EXPIRED 2 acct=2 left=30 NO_LIQUIDITY",
                "EXPIRED 3 acct=3 left=30 IOC_REMAINDER"), since(from));
        assertEquals(0, book.openOrderCount());
        book.checkInvariants();
    }

    @Test
    void fokAndPostOnlyOrdersAreRefusedInTheAuction() {
        book.beginAuction();
        int from = sink.lines.size();
        limit(A, BUY, TimeInForce.FOK, 10_000, 50);
        limit(A, BUY, TimeInForce.GTX, 10_000, 50);
        assertEquals(List.of(
                "REJECTED PLACE acct=1 cl=0 id=0 NOT_ALLOWED_IN_AUCTION",
                "REJECTED PLACE acct=1 cl=0 id=0 NOT_ALLOWED_IN_AUCTION"), since(from));
    }

    @Test
    void selfTradePreventionFollowsTheNewerOrder() {
        gtc(A, SELL, 10_000, 50);
        book.beginAuction();
        book.place(1, A, 0, BUY, OrderType.LIMIT, TimeInForce.GTC, 10_000, 50, 0, WorkingType.CONTRACT_PRICE, false,
                StpMode.EXPIRE_MAKER);
        gtc(B, SELL, 10_000, 50);
        int from = sink.lines.size();
        book.uncross(2, 10_000);
        // A's own resting ask (the older order) expires; A's bid then trades with B at the auction price.
        assertEquals(List.of(
                "EXPIRED 1 acct=1 left=50 STP_MAKER",
                "TRADE 1 p=10000 q=50 SELL taker=3/2 maker=2/1"), since(from));
    }

    @Test
    void anUncrossWithNothingCrossingOnlyLeavesAuctionMode() {
        gtc(A, SELL, 10_010, 20);
        book.beginAuction();
        gtc(B, BUY, 10_000, 20);
        assertEquals(OrderBook.NO_PRICE, book.uncross(2, 10_000));
        assertTrue(!book.inAuction());
        // Back to continuous trading: a crossing order now matches at the maker's price.
        gtc(C, BUY, 10_020, 10);
        assertTrue(sink.lines.get(sink.lines.size() - 1).startsWith("TRADE 1 p=10010 q=10"), sink.lines.toString());
    }
}
