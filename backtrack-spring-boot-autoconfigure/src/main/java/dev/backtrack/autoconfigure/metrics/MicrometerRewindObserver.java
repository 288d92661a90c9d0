package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.rewind.RewindPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Counts rewinds ({@code backtrack.rewinds}, tags path and outcome) and positionings ({@code backtrack.positionings},
 * tag outcome), sums the messages each rewind makes to replay ({@code backtrack.rewind.messages}), times in-place
 * rewinds ({@code backtrack.rewind.in-place}) and hands rewinds to the {@code backtrack.replay.remaining} gauges.
 */
public class MicrometerRewindObserver implements RewindObserver {

    private final MeterRegistry registry;
    private final ReplayRemainingGauges remaining;

    /** Registers in {@code registry}; the latest rewinds go to {@code remaining}. */
    public MicrometerRewindObserver(MeterRegistry registry, ReplayRemainingGauges remaining) {
        this.registry = registry;
        this.remaining = remaining;
    }

    @Override
    public void rewound(JournalEntry entry, RewindPath path, Duration took) {
        rewinds(path.name(), "applied").increment();
        DistributionSummary.builder("backtrack.rewind.messages").description("Messages a rewind made to replay")
                .baseUnit("messages").register(registry).record(entry.messagesToReplay());
        if (path == RewindPath.IN_PROCESS) {
            Timer.builder("backtrack.rewind.in-place").description("Latency of in-place rewinds, order to read-back")
                    .register(registry).record(took);
        }
        remaining.track(entry);
    }

    @Override
    public void rewindFailed() {
        rewinds("none", "failed").increment();
    }

    @Override
    public void positioned(String outcome) {
        Counter.builder("backtrack.positionings").description("Start-up positionings of bindings and listeners")
                .tag("outcome", outcome).register(registry).increment();
    }

    private Counter rewinds(String path, String outcome) {
        return Counter.builder("backtrack.rewinds").description("Rewinds and undos applied by this application")
                .tag("path", path).tag("outcome", outcome).register(registry);
    }
}
