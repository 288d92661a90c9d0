package dev.backtrack.autoconfigure.positioning;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a binding or listener that could not be positioned at start-up with its cause and the settings involved. */
public class BindingPositioningFailureAnalyzer extends AbstractFailureAnalyzer<BindingPositioningException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindingPositioningException cause) {
        String action = cause.getMessage().contains(TimestampPositioningLifecycle.ON_JOURNAL_FAILURE)
                ? "Make the Backtrack journal topic (backtrack.journal.topic) readable on the binding's cluster, or set "
                        + TimestampPositioningLifecycle.ON_JOURNAL_FAILURE + "=SKIP to start without positioning."
                : "Correct the binding's or listener's settings named above, or set "
                        + "backtrack.positioning.enabled=false to start without positioning.";
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
