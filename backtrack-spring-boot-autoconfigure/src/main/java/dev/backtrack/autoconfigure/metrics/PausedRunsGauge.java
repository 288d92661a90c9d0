package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.autoconfigure.runs.PausedRuns;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauge {@code backtrack.runs.paused}: how many runs of window replays and redrives are paused, waiting for an operator
 * to resume or abort them, as the journal says (NaN when it cannot be read).
 */
public class PausedRunsGauge implements MeterBinder {

    private final PausedRuns runs;

    /** Reads the paused runs from {@code runs}. */
    public PausedRunsGauge(PausedRuns runs) {
        this.runs = runs;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("backtrack.runs.paused", runs, r -> r.read().count())
                .description("Runs of window replays and redrives that are paused, waiting for resume or abort")
                .register(registry);
    }
}
