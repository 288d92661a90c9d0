package dev.backtrack.core.replay;

import dev.backtrack.core.RewindException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces sends out to a {@link SendRate}, shared by every thread that sends for one operation: each call to
 * {@link #awaitTurn()} takes the next slot, {@code 1 / rate} after the previous one, and waits for it. A sender that
 * falls behind does not earn a burst: a slot is never earlier than now, or than a given allowance before now (then the
 * slots missed within the allowance are taken at once, so that short stalls do not lower the average rate).
 */
public final class Pacer {

    private final long intervalNanos;
    private final long catchUpNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextSlot;
    private boolean started;

    /** A pacer for {@code rate} on the system's clock. */
    public Pacer(SendRate rate) {
        this(rate, Duration.ZERO);
    }

    /**
     * A pacer for {@code rate} on the system's clock that takes the slots missed within {@code catchUp} before now at
     * once (at most {@code rate x catchUp} of them), e.g. after the process was starved of CPU for a moment.
     */
    public Pacer(SendRate rate, Duration catchUp) {
        this(rate, catchUp, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /** A pacer for {@code rate} reading time from {@code clock} (nanoseconds) and waiting with {@code sleeper}. */
    Pacer(SendRate rate, LongSupplier clock, Sleeper sleeper) {
        this(rate, Duration.ZERO, clock, sleeper);
    }

    /** As {@link #Pacer(SendRate, Duration)}, reading time from {@code clock} and waiting with {@code sleeper}. */
    Pacer(SendRate rate, Duration catchUp, LongSupplier clock, Sleeper sleeper) {
        this.intervalNanos = rate.limited() ? Math.max(1, Math.round(1e9 / rate.perSecond())) : 0;
        this.catchUpNanos = catchUp.toNanos();
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until the caller may send one message (at once when the rate is unlimited). */
    public void awaitTurn() {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = clock.getAsLong();
            slot = started ? Math.max(nextSlot, now - catchUpNanos) : now;
            started = true;
            nextSlot = slot + intervalNanos;
        }
        long wait = slot - clock.getAsLong();
        if (wait > 0) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindException("Interrupted while pacing the sends", e);
            }
        }
    }

    /** Waits a number of nanoseconds. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }
}
