package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.rewind.RewindPath;
import java.time.Duration;

/**
 * Told about the rewinds, undos and start-up positionings this application makes (for metrics); every method does
 * nothing unless overridden. Callers other than Backtrack's endpoint (e.g. a console) report theirs through the bean.
 */
public interface RewindObserver {

    /** The observer that ignores everything. */
    RewindObserver NONE = new RewindObserver() {
    };

    /** A rewind or undo recorded as {@code entry} was applied through {@code path} in {@code took}. */
    default void rewound(JournalEntry entry, RewindPath path, Duration took) {
    }

    /** A rewind or undo failed while being applied. */
    default void rewindFailed() {
    }

    /** A binding or listener was positioned at start-up: {@code outcome} is applied, already_applied, has_offsets or failed. */
    default void positioned(String outcome) {
    }
}
