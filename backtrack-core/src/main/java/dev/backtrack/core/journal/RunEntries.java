package dev.backtrack.core.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journal entries of one run of a window replay or a redrive, oldest first: the first says what the run was asked
 * (its window, selection, rate and threshold, the queues it planned); each later one where it stood.
 *
 * @param entries the run's entries, oldest first; never empty
 */
public record RunEntries(List<JournalEntry> entries) {

    /** Copies the entries. */
    public RunEntries {
        entries = List.copyOf(entries);
    }

    /** The entries of run {@code runId} among {@code all} (oldest first); empty when there are none. */
    public static Optional<RunEntries> find(List<JournalEntry> all, String runId) {
        List<JournalEntry> found = new ArrayList<>();
        for (JournalEntry entry : all) {
            if (entry.run() != null && entry.run().id().equals(runId)) {
                found.add(entry);
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new RunEntries(found));
    }

    /** The run's first entry. */
    public JournalEntry first() {
        return entries.get(0);
    }

    /** The run's latest entry. */
    public JournalEntry latest() {
        return entries.get(entries.size() - 1);
    }

    /** The run as its first entry describes it. */
    public SendRun run() {
        return first().run();
    }

    /** Where the run stands. */
    public RunState state() {
        return latest().run().state();
    }

    /** The ids of runs among {@code all} that ended, for a while or for good (paused, failed, finished, aborted). */
    public static java.util.Set<String> ended(List<JournalEntry> all) {
        java.util.Map<String, RunState> latest = new java.util.HashMap<>();
        for (JournalEntry entry : all) {
            if (entry.run() != null) {
                latest.put(entry.run().id(), entry.run().state());
            }
        }
        java.util.Set<String> ended = new java.util.HashSet<>();
        latest.forEach((id, state) -> {
            if (state != RunState.STARTED && state != RunState.RESUMED) {
                ended.add(id);
            }
        });
        return ended;
    }
}
