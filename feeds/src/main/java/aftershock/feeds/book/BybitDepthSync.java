package aftershock.feeds.book;

/**
 * Keeps one symbol's local order book in sync with Bybit's v5 {@code orderbook.{depth}.{symbol}} topic: a snapshot
 * (pushed on subscribe, re-pushed by the venue when it restarts, recognisable by {@code u == 1}) replaces the book;
 * each delta must carry the next update id ({@code u = previous u + 1}). On a break the book is discarded and
 * {@link #resyncNeeded()} stays true (resubscribe to get a snapshot); deltas are dropped until a snapshot arrives.
 */
public final class BybitDepthSync {

    public enum State { AWAITING_SNAPSHOT, IN_SYNC }

    private final LocalBook book;
    private State state = State.AWAITING_SNAPSHOT;
    private long bookUpdateId = -1;
    private long lastEventTsMs;

    public BybitDepthSync(int levelsMax) {
        this.book = new LocalBook(levelsMax);
    }

    public State state() {
        return state;
    }

    public boolean resyncNeeded() {
        return state == State.AWAITING_SNAPSHOT;
    }

    public boolean inSync() {
        return state == State.IN_SYNC;
    }

    public LocalBook book() {
        return book;
    }

    public long bookUpdateId() {
        return bookUpdateId;
    }

    public long lastEventTsMs() {
        return lastEventTsMs;
    }

    public SyncOutcome onSnapshot(long updateId, LevelChanges levels, long eventTsMs) {
        book.clear();
        book.apply(levels);
        if (book.overflowed()) {
            discardBook();
            return SyncOutcome.OVERFLOW;
        }
        bookUpdateId = updateId;
        lastEventTsMs = eventTsMs;
        state = State.IN_SYNC;
        return SyncOutcome.APPLIED;
    }

    public SyncOutcome onDelta(long updateId, LevelChanges changes, long eventTsMs) {
        if (state == State.AWAITING_SNAPSHOT) {
            return SyncOutcome.DISCARDED;
        }
        if (updateId <= bookUpdateId) {
            return SyncOutcome.STALE_DROPPED;
        }
        if (updateId != bookUpdateId + 1) {
            discardBook();
            return SyncOutcome.GAP;
        }
        book.apply(changes);
        if (book.overflowed()) {
            discardBook();
            return SyncOutcome.OVERFLOW;
        }
        bookUpdateId = updateId;
        lastEventTsMs = eventTsMs;
        return SyncOutcome.APPLIED;
    }

    private void discardBook() {
        book.clear();
        bookUpdateId = -1;
        state = State.AWAITING_SNAPSHOT;
    }
}
