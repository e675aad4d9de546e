package aftershock.signals.gate;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.FeedStatus;

import java.util.Locale;

/** A feed's health as the gate and the monitor's JSON see it: {@code ok}, {@code stale} or {@code down}. */
public enum FeedState {
    OK,
    /** Heard from before, silent for longer than its threshold. */
    STALE,
    /** Watched and never heard from within its threshold (or known to be disconnected). */
    DOWN;

    /** The lower-case name used in JSON and reasons. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state of a source from its {@link FeedHealth} at {@code nowMs}: STALE when its stale detector says so and it
     * was heard from before, DOWN when it never was.
     */
    public static FeedState of(FeedHealth health, FeedSource source, long nowMs) {
        FeedStatus status = health.status(source, nowMs);
        if (status == FeedStatus.OK) {
            return OK;
        }
        // A live connection that dropped is down even if the source was heard before; silence alone is staleness.
        return status == FeedStatus.DOWN || health.lastHeardTsMs(source) == Long.MIN_VALUE ? DOWN : STALE;
    }
}
