package dev.backtrack.core.snapshot;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.journal.EntryRefusedException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Finds a snapshot in the journal by its name (for a group) or by its batch id or the id of one of its entries. */
public final class SnapshotLookup {

    private final List<JournalEntry> entries;

    /** Looks among {@code entries} (the journal's, oldest first). */
    public SnapshotLookup(List<JournalEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The snapshot named {@code nameOrId} (of {@code group} when given), or whose batch id or entry id it is. Fails
     * with an {@link UnknownJournalEntryException} when there is none, naming the snapshots the group has; with an
     * {@link InvalidRewindInputException} when the name belongs to snapshots of several groups and no group is given;
     * with an {@link EntryRefusedException} when the id is an entry that is not a snapshot's.
     */
    public Snapshot find(String nameOrId, @Nullable String group) {
        List<JournalEntry> named = snapshots(group).stream().filter(e -> nameOrId.equals(e.name())).toList();
        TreeSet<String> groups = new TreeSet<>(named.stream().map(JournalEntry::group).toList());
        if (groups.size() > 1) {
            throw new InvalidRewindInputException("Snapshot name " + BadValues.quote(nameOrId) + " belongs to "
                    + "snapshots of several groups (" + String.join(", ", groups) + "); accepted: the group with -g, "
                    + "or the snapshot's batch id (see backtrack history)");
        }
        if (!named.isEmpty()) {
            return batchOf(named.get(named.size() - 1));
        }
        Optional<JournalEntry> byBatch = snapshots(group).stream().filter(e -> nameOrId.equals(e.batch())).findFirst();
        if (byBatch.isPresent()) {
            return batchOf(byBatch.get());
        }
        Optional<JournalEntry> byId = entries.stream().filter(e -> nameOrId.equals(e.id())).findFirst();
        if (byId.isPresent() && byId.get().kind() != JournalKind.SNAPSHOT) {
            throw new EntryRefusedException("Journal entry " + nameOrId + " is a " + byId.get().kind() + ", not a "
                    + "snapshot; accepted: a snapshot's name, batch id or entry id (see backtrack history)");
        }
        if (byId.isPresent() && (group == null || byId.get().group().equals(group))) {
            return batchOf(byId.get());
        }
        TreeSet<String> known = new TreeSet<>(snapshots(group).stream()
                .map(e -> e.name() != null ? e.name() : e.batch() != null ? e.batch() : e.id()).toList());
        throw new UnknownJournalEntryException(nameOrId, "No snapshot has the name or id " + BadValues.quote(nameOrId)
                + (group == null ? "" : " for group " + group) + "; accepted: a snapshot's name or batch id"
                + (known.isEmpty() ? " (there are none" + (group == null ? "" : " of this group")
                        + "; take one with backtrack snapshot)"
                        : ": " + String.join(", ", known.stream().limit(20).toList())) + "; see backtrack history");
    }

    /** Whether {@code group} has a snapshot named {@code name}. */
    public boolean nameTaken(String group, String name) {
        return snapshots(group).stream().anyMatch(e -> name.equals(e.name()));
    }

    private List<JournalEntry> snapshots(@Nullable String group) {
        return entries.stream().filter(e -> e.kind() == JournalKind.SNAPSHOT)
                .filter(e -> group == null || e.group().equals(group)).toList();
    }

    /** Every entry of the snapshot {@code entry} belongs to (itself alone when it has no batch id). */
    private Snapshot batchOf(JournalEntry entry) {
        if (entry.batch() == null) {
            return Snapshot.of(List.of(entry));
        }
        return Snapshot.of(snapshots(entry.group()).stream().filter(e -> entry.batch().equals(e.batch())).toList());
    }
}
