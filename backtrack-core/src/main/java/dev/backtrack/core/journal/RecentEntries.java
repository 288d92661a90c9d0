package dev.backtrack.core.journal;

import java.util.List;

/**
 * The latest journal entries of a group on a topic, found without reading the whole journal: what the coverage check
 * of a plan needs, at a cost that does not grow with the journal.
 */
@FunctionalInterface
public interface RecentEntries {

    /**
     * The latest entries of {@code group} on {@code topic} or, when the group has none, of {@code topic} by any
     * group; none when neither has any. Fails with a {@link JournalException} when the journal cannot be read.
     */
    List<JournalEntry> of(String group, String topic);
}
