package dev.backtrack.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.journal.EntryRefusedException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding a snapshot among journal entries: by name for a group, by batch id, by an entry's id; and the refusals. */
class SnapshotLookupTest {

    private static JournalEntry entry(JournalKind kind, String id, String group, String topic, String batch) {
        return new JournalEntry(id, kind, group, topic, "snapshot", -1, 1, "ann", 0,
                List.of(new QueueMove("broker-a", 0, 5L, 5L)), null, null).inBatch(batch);
    }

    private final List<JournalEntry> journal = List.of(
            entry(JournalKind.SNAPSHOT, "e1", "billing", "orders", "b1").named("before"),
            entry(JournalKind.SNAPSHOT, "e2", "billing", "refunds", "b1").named("before"),
            entry(JournalKind.REWIND, "e3", "billing", "orders", "b2"),
            entry(JournalKind.SNAPSHOT, "e4", "audit", "orders", "b3").named("before"),
            entry(JournalKind.SNAPSHOT, "e5", "audit", "orders", "b4"));

    @Test
    void aSnapshotIsFoundByNameForItsGroupByBatchIdAndByAnEntrysId() {
        SnapshotLookup lookup = new SnapshotLookup(journal);
        Snapshot named = lookup.find("before", "billing");
        assertThat(named.batch()).isEqualTo("b1");
        assertThat(named.topics()).containsExactly("orders", "refunds");
        assertThat(named.queueCount()).isEqualTo(2);
        assertThat(lookup.find("b4", null).label()).isEqualTo("b4");
        assertThat(lookup.find("e2", null).topics()).containsExactly("orders", "refunds");
        assertThat(lookup.nameTaken("audit", "before")).isTrue();
        assertThat(lookup.nameTaken("audit", "after")).isFalse();
    }

    @Test
    void anAmbiguousNameAnEntryOfAnotherKindAndAnUnknownNameAreRefused() {
        SnapshotLookup lookup = new SnapshotLookup(journal);
        assertThatThrownBy(() -> lookup.find("before", null)).isInstanceOf(InvalidRewindInputException.class)
                .hasMessageContaining("belongs to snapshots of several groups (audit, billing)");
        assertThatThrownBy(() -> lookup.find("e3", null)).isInstanceOf(EntryRefusedException.class)
                .hasMessageContaining("is a REWIND, not a snapshot");
        assertThatThrownBy(() -> lookup.find("after", "audit")).isInstanceOf(UnknownJournalEntryException.class)
                .hasMessageContaining("No snapshot has the name or id 'after' for group audit; accepted: a "
                        + "snapshot's name or batch id: b4, before");
    }
}
