package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.core.operation.OperationObserver;

/**
 * Told about the rewinds, undos and start-up positionings this application makes (for metrics); every method does
 * nothing unless overridden. The operations of core report rewinds and undos ({@link OperationObserver}); Backtrack's
 * endpoint and a console pass this bean to them.
 */
public interface RewindObserver extends OperationObserver {

    /** The observer that ignores everything. */
    RewindObserver NONE = new RewindObserver() {
    };

    /** A binding or listener was positioned at start-up: {@code outcome} is applied, already_applied, has_offsets or failed. */
    default void positioned(String outcome) {
    }
}
