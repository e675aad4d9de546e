package aftershock.feeds.live;

/**
 * The wall clock that stamps received messages and drives stale-feed and silence checks: injected, so that tests move
 * time by hand. Epoch milliseconds.
 */
@FunctionalInterface
public interface LiveClock {

    long nowMs();

    /** The system's wall clock. */
    LiveClock SYSTEM = System::currentTimeMillis;
}
