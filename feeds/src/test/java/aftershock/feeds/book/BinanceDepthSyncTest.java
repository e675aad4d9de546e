package aftershock.feeds.book;

import aftershock.feeds.book.BinanceDepthSync.Diff;
import aftershock.feeds.book.BinanceDepthSync.Rule;
import aftershock.feeds.book.BinanceDepthSync.State;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance's "How to manage a local order book correctly" (USDⓈ-M): buffer, snapshot, drop u < lastUpdateId, the first
 * diff straddles lastUpdateId, then pu == previous u; a break discards the book until a new snapshot.
 */
class BinanceDepthSyncTest {
    private final BinanceDepthSync sync = new BinanceDepthSync(Rule.USDM, 4, 10);

    @Test
    void diffsBeforeTheFirstSnapshotAreBufferedAndTheBookNeedsASnapshot() {
        assertTrue(sync.resyncNeeded());
        assertEquals(SyncOutcome.BUFFERED, sync.onDiff(diff(1, 5, 0, 100, 1)));
        assertEquals(1, sync.buffered());
        assertTrue(sync.book().isEmpty());
    }

    @Test
    void inOrderDiffsAfterTheSnapshotAreApplied() {
        sync.onDiff(diff(1, 5, 0, 100, 1));     // u < 8: dropped when the snapshot comes
        sync.onDiff(diff(6, 9, 5, 101, 2));     // straddles 8: first applied
        assertEquals(SyncOutcome.APPLIED, sync.onSnapshot(8, bid(99, 7), 0));
        assertEquals(State.IN_SYNC, sync.state());
        assertEquals(9, sync.bookUpdateId());
        assertEquals(2, sync.book().bidQtyE8(101));
        assertEquals(0, sync.book().bidQtyE8(100), "the dropped diff was not applied");
        assertEquals(SyncOutcome.APPLIED, sync.onDiff(diff(10, 12, 9, 101, 0)));
        assertEquals(0, sync.book().bidQtyE8(101), "quantity 0 removes the level");
        assertEquals(12, sync.bookUpdateId());
    }

    @Test
    void snapshotWithNothingBufferedWaitsForTheFirstStraddlingDiff() {
        assertEquals(SyncOutcome.AWAITING_FIRST_EVENT, sync.onSnapshot(8, bid(99, 7), 0));
        assertFalse(sync.inSync());
        assertEquals(SyncOutcome.STALE_DROPPED, sync.onDiff(diff(3, 7, 2, 100, 1)));
        assertEquals(SyncOutcome.APPLIED, sync.onDiff(diff(8, 8, 7, 100, 1)));
        assertTrue(sync.inSync());
    }

    @Test
    void aDiffWhosePuIsNotThePreviousUIsAGapThatDiscardsTheBook() {
        sync.onSnapshot(8, bid(99, 7), 0);
        sync.onDiff(diff(8, 10, 7, 100, 1));
        assertEquals(SyncOutcome.GAP, sync.onDiff(diff(12, 13, 11, 100, 2)));
        assertTrue(sync.resyncNeeded());
        assertTrue(sync.book().isEmpty());
        assertEquals(-1, sync.bookUpdateId());
        // Diffs keep being buffered (the gapped one included) until a new snapshot joins them.
        assertEquals(SyncOutcome.BUFFERED, sync.onDiff(diff(14, 15, 13, 98, 3)));
        assertEquals(SyncOutcome.APPLIED, sync.onSnapshot(12, bid(97, 1), 0));
        assertEquals(15, sync.bookUpdateId());
        assertEquals(3, sync.book().bidQtyE8(98));
        assertEquals(2, sync.book().bidQtyE8(100));
    }

    @Test
    void aSnapshotOlderThanTheBufferedDiffsIsAGapAndTheDiffsAreKept() {
        sync.onDiff(diff(20, 25, 19, 100, 1));
        assertEquals(SyncOutcome.GAP, sync.onSnapshot(10, bid(99, 1), 0));
        assertTrue(sync.resyncNeeded());
        assertEquals(1, sync.buffered());
        assertEquals(SyncOutcome.APPLIED, sync.onSnapshot(22, bid(99, 1), 0));
    }

    @Test
    void theBufferIsBoundedAndDropsItsOldestDiff() {
        for (int i = 0; i < 4; i++) {
            assertEquals(SyncOutcome.BUFFERED, sync.onDiff(diff(i * 2 + 1, i * 2 + 2, i * 2, 100, 1)));
        }
        assertEquals(SyncOutcome.BUFFER_FULL, sync.onDiff(diff(9, 10, 8, 100, 1)));
        assertEquals(4, sync.buffered());
    }

    @Test
    void aBookGrowingPastItsLevelLimitIsDiscarded() {
        sync.onSnapshot(1, bid(1, 1), 0);
        long[] prices = new long[11];
        long[] qtys = new long[11];
        for (int i = 0; i < 11; i++) {
            prices[i] = 100 + i;
            qtys[i] = 1;
        }
        assertEquals(SyncOutcome.OVERFLOW, sync.onDiff(new Diff(1, 2, 0, 5,
                new LevelChanges(prices, qtys, new long[0], new long[0]))));
        assertTrue(sync.resyncNeeded());
    }

    @Test
    void spotRuleJoinsAtLastUpdateIdPlusOneAndChecksUAgainstPreviousUPlusOne() {
        BinanceDepthSync spot = new BinanceDepthSync(Rule.SPOT, 4, 10);
        spot.onDiff(diff(5, 8, -1, 100, 1));   // u <= 8: dropped
        spot.onDiff(diff(9, 12, -1, 101, 1));  // contains 9: first applied
        assertEquals(SyncOutcome.APPLIED, spot.onSnapshot(8, bid(99, 1), 0));
        assertEquals(0, spot.book().bidQtyE8(100));
        assertEquals(SyncOutcome.APPLIED, spot.onDiff(diff(13, 14, -1, 102, 1)));
        assertEquals(SyncOutcome.STALE_DROPPED, spot.onDiff(diff(12, 14, -1, 103, 1)));
        assertEquals(SyncOutcome.GAP, spot.onDiff(diff(16, 17, -1, 104, 1)));
    }

    @Test
    void aDiffWithFirstIdAboveItsFinalIdCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> diff(5, 4, 3, 1, 1));
    }

    private static Diff diff(long first, long last, long previous, long bidPrice, long bidQty) {
        return new Diff(first, last, previous, 1_000 + last, bid(bidPrice, bidQty));
    }

    private static LevelChanges bid(long price, long qty) {
        return new LevelChanges(new long[] {price}, new long[] {qty}, new long[0], new long[0]);
    }
}
