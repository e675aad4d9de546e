package aftershock.sim.abm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.locks.LockSupport;

/**
 * SHA-256 of a byte stream computed on a second thread, so that hashing the event log overlaps the event loop
 * (on a 2-core machine the loop and the digest each get a core once the JIT is done). The loop fills fixed buffers
 * and hands them over through a ring of {@link #RING} buffers: a volatile count of buffers published and one of
 * buffers digested order every byte before its use (happens-before through the volatile write and read), so the
 * digest is exactly that of the bytes in order, whatever the timing. The digest thread parks when it has nothing to
 * do; the producer waits (yielding) only if the ring is full. Until {@link #start()} (and in a run that never
 * starts it) buffers are digested on the producer's thread. No allocation after construction.
 */
final class DigestThread implements Runnable {
    static final int BUFFER_BYTES = 1 << 14;
    private static final int RING = 16;

    private final MessageDigest sha;
    private final byte[][] buffers = new byte[RING][BUFFER_BYTES];
    private final int[] lengths = new int[RING];
    private Thread thread;
    private volatile long published;
    private volatile long digested;
    private volatile boolean closed;
    private long bytes;
    private Throwable failure;

    DigestThread() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Starts the digest thread; from now on {@link #finish} or {@link #abandon} must end it. */
    void start() {
        if (thread == null && published == 0 && !Boolean.getBoolean("abm.synchash")) {
            thread = new Thread(this, "abm-event-log-sha256");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The buffer the producer fills first. */
    byte[] first() {
        return buffers[0];
    }

    /**
     * Hands over the buffer being filled ({@code length} bytes) and returns the next one to fill, waiting if all
     * are still queued for digesting.
     */
    byte[] publish(int length) {
        long n = published;
        lengths[(int) (n % RING)] = length;
        bytes += length;
        if (thread == null) {
            sha.update(buffers[(int) (n % RING)], 0, length);
            digested = n + 1;
        }
        published = n + 1;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        while (n + 1 - digested >= RING) {
            Thread.yield();
        }
        return buffers[(int) ((n + 1) % RING)];
    }

    /** Publishes the last {@code length} bytes, waits for the digest and returns it as hex. */
    String finish(int length) {
        publish(length);
        abandon();
        boolean interrupted = false;
        while (thread != null && thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new IllegalStateException("event-log digest failed", failure);
        }
        byte[] d = sha.digest();
        StringBuilder hex = new StringBuilder(64);
        for (byte b : d) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    /** Stops the thread without a digest (a run that failed). */
    void abandon() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void run() {
        try {
            long next = 0;
            while (true) {
                if (next < published) {
                    int i = (int) (next % RING);
                    sha.update(buffers[i], 0, lengths[i]);
                    digested = ++next;
                } else if (closed) {
                    if (next == published) {
                        return;
                    }
                } else {
                    LockSupport.parkNanos(this, 1_000_000L);
                }
            }
        } catch (Throwable t) {
            failure = t;
            digested = Long.MAX_VALUE / 2;
        }
    }
}
