package dev.backtrack.core.operation;

import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import java.util.List;
import java.util.Optional;

/**
 * The connections an operation works through, opened once and shared by the operations of a front end: the admin
 * client, the journal and, when there is one, the control channel that orders every instance of a group to move in
 * place. A session is thread-safe; closing it closes what it opened.
 */
public interface ClusterSession extends AutoCloseable {

    /** The admin client. */
    ClusterAdmin admin();

    /** The journal's entries, oldest first; fails with a {@code JournalException} when it cannot be read. */
    List<JournalEntry> journalEntries();

    /**
     * The latest journal entries of {@code group} on {@code topic}, or of the topic by any group when the group has
     * none (see {@link dev.backtrack.core.journal.RecentEntries}), without reading the whole journal.
     */
    List<JournalEntry> recentEntries(String group, String topic);

    /**
     * Appends {@code entry} to the journal, its topic created first when missing; returns it as recorded. Fails with
     * a {@code JournalException} when the broker did not store it.
     */
    JournalEntry record(JournalEntry entry);

    /**
     * The rewinder that orders every instance of a group over the control topic; empty when no control topic can be
     * used, and {@link #withoutFleet()} then says why.
     */
    Optional<FleetRewinder> fleetRewinder();

    /** Why {@link #fleetRewinder()} is empty, in a few words that start the note of a rewind applied without it. */
    String withoutFleet();

    /** Closes what the session opened. */
    @Override
    void close();
}
