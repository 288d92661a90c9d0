package dev.backtrack.console.api;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.journal.SendRun;
import org.jspecify.annotations.Nullable;

/** How journal entries appear in the API. */
final class JournalViews {

    private JournalViews() {
    }

    /** A rewind marked on the timeline. */
    record RewindMark(@Nullable String id, long appliedAt, long timestamp, String actor, String kind) {
    }

    /**
     * A row of the history; {@code batch} the batch id the entry shares with others (a batch rewind, a snapshot),
     * {@code name} a snapshot's name; {@code run} for the entries of a window replay's or a redrive's run, else
     * null.
     */
    record HistoryRow(@Nullable String id, String kind, String group, String topic, String requested,
            long timestamp, long appliedAt, String actor, long messagesToReplay, @Nullable String path,
            @Nullable String undoneBy, @Nullable String undoes, @Nullable RunView run, @Nullable String batch,
            @Nullable String name) {
    }

    /**
     * The run an entry belongs to: its id, its state with this entry and why (paused, failed, aborted), whether this
     * is the run's latest entry, and whether the run may be resumed or aborted (the latest entry, the run not finished
     * nor aborted: paused, failed, or started or resumed and never ended, as when its process was killed).
     */
    record RunView(String id, RunState state, @Nullable String reason, boolean latest, boolean resumable) {
    }

    static RewindMark mark(JournalEntry entry) {
        return new RewindMark(entry.id(), entry.appliedAt(), entry.timestamp(), entry.actor(), entry.kind().name());
    }

    /** The row of {@code entry}, undone by {@code undoneBy} (or null); {@code latestOfRun}: its run's latest entry. */
    static HistoryRow row(JournalEntry entry, @Nullable String undoneBy, boolean latestOfRun) {
        SendRun run = entry.run();
        return new HistoryRow(entry.id(), entry.kind().name(), entry.group(), entry.topic(), entry.requestedTime(),
                entry.timestamp(), entry.appliedAt(), entry.actor(), entry.messagesToReplay(),
                entry.path() == null ? null : entry.path().name(), undoneBy, entry.undoes(), run == null ? null
                        : new RunView(run.id(), run.state(), run.reason(), latestOfRun,
                                latestOfRun && run.state().resumable()), entry.batch(), entry.name());
    }
}
