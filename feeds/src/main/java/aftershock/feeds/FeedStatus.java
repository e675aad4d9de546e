package aftershock.feeds;

/** Whether a source has been heard from recently enough: see {@link FeedHealth#status}. */
public enum FeedStatus {
    OK,
    STALE
}
