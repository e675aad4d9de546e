package aftershock.feeds.book;

/** What a local-book synchroniser did with a snapshot or a diff. */
public enum SyncOutcome {
    /** Applied; the book is in sync. */
    APPLIED,
    /** Kept until a snapshot arrives (the documented buffering while the REST snapshot is in flight). */
    BUFFERED,
    /** Buffered, and the buffer was full: its oldest diff was dropped. */
    BUFFER_FULL,
    /** Older than the book (already contained in the snapshot): dropped, as the venue's procedure says. */
    STALE_DROPPED,
    /** Arrived while waiting for a snapshot that the venue itself pushes (Bybit): dropped. */
    DISCARDED,
    /** Applied a snapshot, but no diff has yet proven it joins the stream: nothing to publish yet. */
    AWAITING_FIRST_EVENT,
    /** Sequence broken: the book was discarded and a new snapshot is needed (resync). */
    GAP,
    /** The book grew past its level limit: discarded, a new snapshot is needed. */
    OVERFLOW
}
