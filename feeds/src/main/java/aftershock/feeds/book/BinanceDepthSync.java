package aftershock.feeds.book;

import java.util.ArrayDeque;

/**
 * Keeps one symbol's local order book in sync with Binance's diff-depth stream, by the venue's documented procedure
 * ("How to manage a local order book correctly"): buffer diffs, apply a REST snapshot ({@code lastUpdateId}), drop
 * buffered diffs older than it, check that the first diff applied straddles it, then check every diff's sequence.
 * On a break the book is discarded and {@link #resyncNeeded()} stays true, diffs being buffered again, until a new
 * snapshot is applied.
 *
 * <ul>
 * <li>USDⓈ-M futures: drop {@code u < lastUpdateId}; the first diff must have {@code U <= lastUpdateId <= u}; then
 * every diff's {@code pu} must equal the previous diff's {@code u}.</li>
 * <li>Spot: drop {@code u <= lastUpdateId}; the first diff must have {@code U <= lastUpdateId + 1 <= u}; then a diff
 * with {@code u} not above the book's id is ignored and one with {@code U > id + 1} is a gap.</li>
 * </ul>
 */
public final class BinanceDepthSync {

    /** Which market's sequence rule applies. */
    public enum Rule { USDM, SPOT }

    public enum State { AWAITING_SNAPSHOT, AWAITING_FIRST_EVENT, IN_SYNC }

    /**
     * One {@code depthUpdate}: first and final update ids ({@code U}, {@code u}), the previous diff's final id
     * ({@code pu}, futures only; spot passes -1), its event time and its levels.
     */
    public record Diff(long firstUpdateId, long finalUpdateId, long previousFinalUpdateId, long eventTsMs,
                       LevelChanges changes) {
        public Diff {
            if (firstUpdateId > finalUpdateId) {
                throw new IllegalArgumentException("U must not exceed u: U=" + firstUpdateId + " u=" + finalUpdateId);
            }
        }
    }

    private final Rule rule;
    private final LocalBook book;
    private final ArrayDeque<Diff> buffer = new ArrayDeque<>();
    private final int bufferMax;
    private State state = State.AWAITING_SNAPSHOT;
    private long bookUpdateId = -1;
    private long lastEventTsMs;

    /**
     * @param bufferMax diffs kept while waiting for a snapshot (the oldest is dropped beyond it)
     * @param levelsMax levels per side beyond which the book is discarded
     */
    public BinanceDepthSync(Rule rule, int bufferMax, int levelsMax) {
        if (bufferMax <= 0) {
            throw new IllegalArgumentException("bufferMax must be positive: " + bufferMax);
        }
        this.rule = rule;
        this.bufferMax = bufferMax;
        this.book = new LocalBook(levelsMax);
    }

    public State state() {
        return state;
    }

    /** True while the book is discarded and a REST snapshot must be fetched and applied. */
    public boolean resyncNeeded() {
        return state == State.AWAITING_SNAPSHOT;
    }

    public boolean inSync() {
        return state == State.IN_SYNC;
    }

    public LocalBook book() {
        return book;
    }

    /** The update id the book is at (the last applied diff's {@code u}, or the snapshot's), -1 if none. */
    public long bookUpdateId() {
        return bookUpdateId;
    }

    /** Event time of the last applied diff (or the snapshot's time, if it had one). */
    public long lastEventTsMs() {
        return lastEventTsMs;
    }

    public int buffered() {
        return buffer.size();
    }

    public SyncOutcome onDiff(Diff diff) {
        if (state == State.AWAITING_SNAPSHOT) {
            return bufferDiff(diff);
        }
        SyncOutcome outcome = applyInOrder(diff);
        if (outcome == SyncOutcome.GAP || outcome == SyncOutcome.OVERFLOW) {
            discardBook();
            buffer.clear();
            buffer.addLast(diff);
        }
        return outcome;
    }

    /**
     * Applies a REST snapshot, then the buffered diffs that follow it. Returns APPLIED if the book is now in sync,
     * AWAITING_FIRST_EVENT if no buffered diff reached past the snapshot yet, GAP if the snapshot is older than the
     * buffered stream (or the buffer itself has a hole), OVERFLOW if the book is too large.
     *
     * @param snapshotTsMs the snapshot's time if it has one (futures {@code E}), else 0
     */
    public SyncOutcome onSnapshot(long lastUpdateId, LevelChanges levels, long snapshotTsMs) {
        book.clear();
        book.apply(levels);
        if (book.overflowed()) {
            discardBook();
            return SyncOutcome.OVERFLOW;
        }
        bookUpdateId = lastUpdateId;
        lastEventTsMs = snapshotTsMs;
        state = State.AWAITING_FIRST_EVENT;
        while (!buffer.isEmpty()) {
            Diff d = buffer.pollFirst();
            SyncOutcome outcome = applyInOrder(d);
            if (outcome == SyncOutcome.GAP || outcome == SyncOutcome.OVERFLOW) {
                // Keep this diff and those after it: a newer snapshot may join them.
                buffer.addFirst(d);
                discardBook();
                return outcome;
            }
        }
        return state == State.IN_SYNC ? SyncOutcome.APPLIED : SyncOutcome.AWAITING_FIRST_EVENT;
    }

    private SyncOutcome bufferDiff(Diff diff) {
        boolean full = buffer.size() == bufferMax;
        if (full) {
            buffer.pollFirst();
        }
        buffer.addLast(diff);
        return full ? SyncOutcome.BUFFER_FULL : SyncOutcome.BUFFERED;
    }

    private SyncOutcome applyInOrder(Diff d) {
        long first = d.firstUpdateId();
        long last = d.finalUpdateId();
        if (state == State.AWAITING_FIRST_EVENT) {
            long joinId = rule == Rule.USDM ? bookUpdateId : bookUpdateId + 1;
            if (last < joinId) {
                return SyncOutcome.STALE_DROPPED;
            }
            if (first > joinId) {
                return SyncOutcome.GAP;
            }
            return apply(d);
        }
        if (rule == Rule.USDM) {
            return d.previousFinalUpdateId() == bookUpdateId ? apply(d) : SyncOutcome.GAP;
        }
        if (last <= bookUpdateId) {
            return SyncOutcome.STALE_DROPPED;
        }
        return first > bookUpdateId + 1 ? SyncOutcome.GAP : apply(d);
    }

    private SyncOutcome apply(Diff d) {
        book.apply(d.changes());
        if (book.overflowed()) {
            return SyncOutcome.OVERFLOW;
        }
        bookUpdateId = d.finalUpdateId();
        lastEventTsMs = d.eventTsMs();
        state = State.IN_SYNC;
        return SyncOutcome.APPLIED;
    }

    private void discardBook() {
        book.clear();
        bookUpdateId = -1;
        state = State.AWAITING_SNAPSHOT;
    }
}
