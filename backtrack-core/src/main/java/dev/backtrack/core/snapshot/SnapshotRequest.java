package dev.backtrack.core.snapshot;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a user asks a snapshot to keep.
 *
 * @param group the consumer group
 * @param topics the topics whose offsets to keep; empty for every topic where the group holds offsets (its retry and
 *     dead-letter topics left out)
 * @param name a name to find it by later, unique for the group; null to find it by its batch id
 * @param actor who asks, as recorded in the journal
 */
public record SnapshotRequest(String group, List<String> topics, @Nullable String name, String actor) {

    /** Copies {@code topics}. */
    public SnapshotRequest {
        topics = List.copyOf(topics);
    }
}
