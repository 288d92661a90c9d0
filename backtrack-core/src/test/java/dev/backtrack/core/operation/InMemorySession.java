package dev.backtrack.core.operation;

import dev.backtrack.core.cluster.InMemoryCluster;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A session on an in-memory cluster with a journal kept in a list; no control channel. */
final class InMemorySession implements ClusterSession {

    private final InMemoryCluster cluster;
    private final List<JournalEntry> journal = new ArrayList<>();
    private boolean journalRefuses;

    InMemorySession(InMemoryCluster cluster) {
        this.cluster = cluster;
    }

    /** From now on, appends fail as a broker that does not store the entry would make them fail. */
    InMemorySession refusingAppends() {
        journalRefuses = true;
        return this;
    }

    /** Adds an entry as if an earlier operation had recorded it. */
    InMemorySession recorded(JournalEntry entry) {
        journal.add(entry);
        return this;
    }

    @Override
    public InMemoryCluster admin() {
        return cluster;
    }

    @Override
    public List<JournalEntry> journalEntries() {
        return List.copyOf(journal);
    }

    @Override
    public List<JournalEntry> recentEntries(String group, String topic) {
        List<JournalEntry> own = journal.stream().filter(e -> e.group().equals(group) && e.topic().equals(topic))
                .toList();
        return own.isEmpty() ? journal.stream().filter(e -> e.topic().equals(topic)).toList() : own;
    }

    @Override
    public JournalEntry record(JournalEntry entry) {
        if (journalRefuses) {
            throw new JournalException("The broker did not store the journal entry: FLUSH_DISK_TIMEOUT\nsecond line",
                    null);
        }
        journal.add(entry);
        return entry;
    }

    @Override
    public Optional<FleetRewinder> fleetRewinder() {
        return Optional.empty();
    }

    @Override
    public String withoutFleet() {
        return "no control topic in this test";
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
