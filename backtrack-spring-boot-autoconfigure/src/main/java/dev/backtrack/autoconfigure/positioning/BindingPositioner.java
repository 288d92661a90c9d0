package dev.backtrack.autoconfigure.positioning;

import dev.backtrack.core.positioning.PositioningOutcome;
import dev.backtrack.core.positioning.StartupPositioning;

/** Positions one binding's consumer group on the cluster it consumes from. */
@FunctionalInterface
public interface BindingPositioner {

    /** Applies the binding's consumeTimestamp under {@code rule}, recording {@code actor}. */
    PositioningOutcome position(ConsumerBinding binding, StartupPositioning rule, String actor);
}
