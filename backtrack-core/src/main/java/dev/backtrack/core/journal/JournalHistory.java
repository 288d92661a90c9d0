package dev.backtrack.core.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The journal's entries looked up by id, with which entry undid which. */
public final class JournalHistory {

    private final List<JournalEntry> entries;
    private final Map<String, JournalEntry> byId = new HashMap<>();
    private final Map<String, String> undoneBy = new HashMap<>();

    private JournalHistory(List<JournalEntry> entries) {
        this.entries = List.copyOf(entries);
        for (JournalEntry entry : this.entries) {
            if (entry.id() != null) {
                byId.putIfAbsent(entry.id(), entry);
            }
            if (entry.kind() == JournalKind.UNDO && entry.undoes() != null && entry.id() != null) {
                undoneBy.putIfAbsent(entry.undoes(), entry.id());
            }
        }
    }

    /** The history of these entries (oldest first, as {@link RewindJournal#entries()} returns them). */
    public static JournalHistory of(List<JournalEntry> entries) {
        return new JournalHistory(entries);
    }

    /** The entry with this id. */
    public Optional<JournalEntry> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The id of the UNDO entry that undid the entry {@code id}, if one did. */
    public Optional<String> undoneBy(String id) {
        return Optional.ofNullable(undoneBy.get(id));
    }

    /** The latest entry of that kind for the group and topic. */
    public Optional<JournalEntry> latest(JournalKind kind, String group, String topic) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry entry = entries.get(i);
            if (entry.kind() == kind && entry.group().equals(group) && entry.topic().equals(topic)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Every entry, oldest first. */
    public List<JournalEntry> oldestFirst() {
        return entries;
    }

    /** Every entry as history shows it (with what undid it), oldest first. */
    public List<HistoryItem> items() {
        return entries.stream().map(e -> HistoryItem.of(e, e.id() == null ? null : undoneBy.get(e.id()))).toList();
    }

    /** Every entry, newest first. */
    public List<JournalEntry> newestFirst() {
        List<JournalEntry> reversed = new ArrayList<>(entries);
        Collections.reverse(reversed);
        return reversed;
    }
}
