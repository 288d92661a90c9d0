package dev.backtrack.core.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a run when too many of its messages fail: it hears every confirmed send, reads the run's failures from a
 * {@link FailureWatch} once a second, and once more than the threshold's share of the messages sent in the last minute
 * came back as failures, answers the reason to the sender's question "stop?".
 */
final class FailureGuard implements Consumer<SentCopy>, Supplier<@Nullable String>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailureGuard.class);
    private static final long MINUTE_MILLIS = 60_000;
    private static final int SHOWN = 5;

    private final FailureWatch watch;
    private final double thresholdPercent;
    private final String threshold;
    private final LongSupplier clock;
    private final Deque<Long> sent = new ArrayDeque<>();
    private final Deque<Long> failed = new ArrayDeque<>();
    private final Set<String> counted = new HashSet<>();
    private final ScheduledExecutorService poller;
    private volatile @Nullable String reason;

    /** Watches through {@code watch} once a second, stopping above {@code policy}'s threshold. */
    FailureGuard(FailureWatch watch, SendPolicy policy) {
        this(watch, policy, System::currentTimeMillis);
        poller.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** A guard checked only when {@link #check()} is called, on {@code clock} (tests). */
    FailureGuard(FailureWatch watch, SendPolicy policy, LongSupplier clock) {
        this.watch = watch;
        this.thresholdPercent = policy.pauseAbovePercent();
        this.threshold = policy.threshold();
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backtrack-failure-guard-" + watch.group());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized void accept(SentCopy copy) {
        sent.addLast(clock.getAsLong());
    }

    /** The reason to stop; null while the failures stay at or below the threshold. */
    @Override
    public @Nullable String get() {
        return reason;
    }

    /** Reads the run's failures and decides. */
    void check() {
        try {
            List<FailedCopy> failures = watch.failures();
            synchronized (this) {
                long now = clock.getAsLong();
                for (FailedCopy failure : failures) {
                    if (counted.add(failure.origin() + "@" + failure.originOffset())) {
                        failed.addLast(now);
                    }
                }
                while (!sent.isEmpty() && sent.peekFirst() < now - MINUTE_MILLIS) {
                    sent.removeFirst();
                }
                while (!failed.isEmpty() && failed.peekFirst() < now - MINUTE_MILLIS) {
                    failed.removeFirst();
                }
                if (reason == null && !failed.isEmpty() && failed.size() * 100.0 > thresholdPercent * sent.size()) {
                    reason = "paused: " + failed.size() + " of the " + sent.size() + " messages sent in the last "
                            + "minute failed (" + percent(failed.size(), sent.size()) + ", above " + threshold
                            + "): " + failures.stream().limit(SHOWN).map(f -> f.describe(watch.group()))
                                    .collect(Collectors.joining(", "))
                            + (failures.size() > SHOWN ? " and " + (failures.size() - SHOWN) + " more" : "");
                    log.warn("Backtrack: {}", reason);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Backtrack could not read the failures of a run of group {} (tried again in a second): {}",
                    watch.group(), e.getMessage());
        }
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "all" : String.format(java.util.Locale.ROOT, "%.1f%%", part * 100.0 / whole);
    }

    /** Stops checking. */
    @Override
    public void close() {
        poller.shutdownNow();
    }
}
