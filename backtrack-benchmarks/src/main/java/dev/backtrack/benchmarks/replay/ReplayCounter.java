package dev.backtrack.benchmarks.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the distinct order ids of a replay, which must be exactly {@code [firstId, firstId + expected)}, and notes
 * when the first message arrived and when the last missing id did.
 */
public final class ReplayCounter {

    private final long firstId;
    private final long expected;
    private final AtomicLongArray seen;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong outside = new AtomicLong();
    private final AtomicLong firstNanos = new AtomicLong();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile long lastNanos;

    /** A counter that is caught up once every id from {@code firstId} to {@code firstId + expected - 1} arrived. */
    public ReplayCounter(long firstId, long expected) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected must be at least 1, got " + expected);
        }
        this.firstId = firstId;
        this.expected = expected;
        this.seen = new AtomicLongArray((int) ((expected + 63) / 64));
    }

    /** Records that the order with {@code id} was received now. */
    public void record(long id) {
        if (firstNanos.get() == 0) {
            firstNanos.compareAndSet(0, System.nanoTime());
        }
        long index = id - firstId;
        if (index < 0 || index >= expected) {
            outside.incrementAndGet();
            return;
        }
        int word = (int) (index >>> 6);
        long bit = 1L << (index & 63);
        long before = seen.getAndAccumulate(word, bit, (current, mask) -> current | mask);
        if ((before & bit) != 0) {
            duplicates.incrementAndGet();
        } else if (distinct.incrementAndGet() == expected) {
            lastNanos = System.nanoTime();
            caughtUp.countDown();
        }
    }

    /** Distinct expected ids received so far. */
    public long count() {
        return distinct.get();
    }

    /** Ids the replay must deliver. */
    public long expected() {
        return expected;
    }

    /** Messages received again after their id had already been counted. */
    public long duplicates() {
        return duplicates.get();
    }

    /** Messages whose id lies outside the replayed range (stored before the target time, or unknown). */
    public long outsideRange() {
        return outside.get();
    }

    /** Waits until every expected id arrived; false on timeout. */
    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        return caughtUp.await(timeout, unit);
    }

    /**
     * Waits while ids keep arriving until every expected one did; fails when none arrived for {@code stallSeconds},
     * saying how many are missing.
     */
    public void awaitCaughtUp(String path, int stallSeconds) throws InterruptedException {
        long lastCount = -1;
        while (!awaitCaughtUp(stallSeconds, TimeUnit.SECONDS)) {
            long now = count();
            if (now == lastCount) {
                throw new IllegalStateException(path + ": no new message for " + stallSeconds + " s; received "
                        + now + " of " + expected + " ids (" + (expected - now) + " missing, " + outsideRange()
                        + " outside the replayed range); see backtrack-benchmarks.log");
            }
            lastCount = now;
        }
    }

    /** Messages per second between the first message and the one that completed the expected ids. */
    public double messagesPerSecond() {
        return expected / ((lastNanos - firstNanos.get()) / 1e9);
    }
}
