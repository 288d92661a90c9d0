package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.autoconfigure.positioning.BindingPositioner;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.positioning.PositioningOutcome;
import dev.backtrack.core.positioning.StartupPositioning;
import java.util.Locale;

/** A binding positioner that tells an observer what each positioning did. */
final class ObservedBindingPositioner implements BindingPositioner {

    private final BindingPositioner delegate;
    private final RewindObserver observer;

    ObservedBindingPositioner(BindingPositioner delegate, RewindObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public PositioningOutcome position(ConsumerBinding binding, StartupPositioning rule, String actor) {
        PositioningOutcome outcome;
        try {
            outcome = delegate.position(binding, rule, actor);
        } catch (RuntimeException e) {
            observer.positioned("failed");
            throw e;
        }
        observer.positioned(outcome.action().name().toLowerCase(Locale.ROOT));
        return outcome;
    }
}
