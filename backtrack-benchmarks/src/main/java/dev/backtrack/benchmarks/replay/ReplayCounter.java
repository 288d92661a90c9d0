package dev.backtrack.benchmarks.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts replayed messages and notes when the first one arrived and when the expected number was reached. */
public final class ReplayCounter {

    private final long expected;
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile long firstNanos;
    private volatile long lastNanos;

    /** Creates a counter that is caught up after {@code expected} messages. */
    public ReplayCounter(long expected) {
        this.expected = expected;
    }

    /** Records {@code messages} received now. */
    public void record(int messages) {
        if (messages == 0) {
            return;
        }
        long before = count.getAndAdd(messages);
        if (before == 0) {
            firstNanos = System.nanoTime();
        }
        if (before < expected && before + messages >= expected) {
            lastNanos = System.nanoTime();
            caughtUp.countDown();
        }
    }

    /** Messages counted so far. */
    public long count() {
        return count.get();
    }

    /** Waits until the expected number arrived; false on timeout. */
    public boolean awaitCaughtUp(long timeout, TimeUnit unit) throws InterruptedException {
        return caughtUp.await(timeout, unit);
    }

    /** Messages per second between the first message and the one that completed the expected number. */
    public double messagesPerSecond() {
        return expected / ((lastNanos - firstNanos) / 1e9);
    }
}
