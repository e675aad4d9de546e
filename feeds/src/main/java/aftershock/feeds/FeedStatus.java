package aftershock.feeds;

/** Whether a source has been heard from recently enough, and is connected: see {@link FeedHealth#status}. */
public enum FeedStatus {
    OK,
    /** Watched and silent for longer than its threshold. */
    STALE,
    /** A live connector reports that a connection of the source is not open (connecting, or waiting to reconnect). */
    DOWN
}
