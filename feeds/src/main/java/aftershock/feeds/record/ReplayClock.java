package aftershock.feeds.record;

/**
 * The time source of a paced replay, injectable so that tests never sleep: a monotonic clock and a way to wait.
 */
public interface ReplayClock {

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
    ReplayClock SYSTEM = new ReplayClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };
}
