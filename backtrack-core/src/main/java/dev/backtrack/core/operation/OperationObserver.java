package dev.backtrack.core.operation;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.rewind.RewindPath;
import java.time.Duration;

/** Told about every rewind and undo an operation applies (for metrics); every method does nothing unless overridden. */
public interface OperationObserver {

    /** The observer that ignores everything. */
    OperationObserver NONE = new OperationObserver() {
    };

    /** A rewind or undo recorded as {@code entry} was applied through {@code path} in {@code took}. */
    default void rewound(JournalEntry entry, RewindPath path, Duration took) {
    }

    /** A rewind or undo failed while being applied. */
    default void rewindFailed() {
    }
}
