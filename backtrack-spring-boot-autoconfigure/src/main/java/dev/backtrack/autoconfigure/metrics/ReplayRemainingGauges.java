package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.progress.ReplayProgressTracker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges {@code backtrack.replay.remaining} (tags group, topic): messages still to replay after the latest rewind of
 * each group and topic made by this application, read from the brokers when the gauge is read (NaN when they cannot
 * be read).
 */
public class ReplayRemainingGauges {

    private static final Logger log = LoggerFactory.getLogger(ReplayRemainingGauges.class);

    private final MeterRegistry registry;
    private final Supplier<? extends @Nullable ClusterAdmin> admin;
    private final Map<String, JournalEntry> latest = new ConcurrentHashMap<>();
    private volatile @Nullable ReplayProgressTracker tracker;

    /** Registers in {@code registry}, reading offsets through {@code admin} (null when there is no cluster). */
    public ReplayRemainingGauges(MeterRegistry registry, Supplier<? extends @Nullable ClusterAdmin> admin) {
        this.registry = registry;
        this.admin = admin;
    }

    /** Follows this rewind from now on, in place of an earlier one of the same group and topic. */
    public void track(JournalEntry rewind) {
        String key = rewind.group() + "\u0000" + rewind.topic();
        if (latest.put(key, rewind) == null) {
            Gauge.builder("backtrack.replay.remaining", () -> remaining(key))
                    .description("Messages still to replay after the latest rewind of the group and topic")
                    .tag("group", rewind.group()).tag("topic", rewind.topic()).register(registry);
        }
    }

    private double remaining(String key) {
        JournalEntry rewind = latest.get(key);
        ReplayProgressTracker reader = tracker();
        if (rewind == null || reader == null) {
            return Double.NaN;
        }
        try {
            return reader.sample(rewind).remaining();
        } catch (RuntimeException e) {
            log.debug("Backtrack: cannot read the replay progress of group {} on topic {}: {}", rewind.group(),
                    rewind.topic(), e.getMessage());
            return Double.NaN;
        }
    }

    private @Nullable ReplayProgressTracker tracker() {
        ReplayProgressTracker current = tracker;
        if (current == null) {
            ClusterAdmin cluster = admin.get();
            if (cluster != null) {
                current = new ReplayProgressTracker(cluster);
                tracker = current;
            }
        }
        return current;
    }
}
