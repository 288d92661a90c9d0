package dev.backtrack.cli;

import dev.backtrack.core.control.RewindAck;
import dev.backtrack.core.rewind.QueueRewind;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code backtrack undo} did, as printed with --json.
 *
 * @param id the journal id of the undo, or null for a dry run
 * @param undoes the id of the rewind undone
 * @param group consumer group
 * @param topic topic
 * @param dryRun whether nothing was changed on purpose
 * @param path how the offsets were moved back, or null for a dry run
 * @param note what the operator should know about the path
 * @param queues per queue: committed offset now and the target (the offset the rewind replaced)
 * @param messagesToReplay messages consumed again because of the undo (usually 0)
 * @param messagesToSkip messages of the replay the group will not consume again
 * @param verifiedOffsets committed offsets read back, keyed broker/queueId, or null for a dry run
 * @param acknowledgements instances that moved their consumers in place
 * @param silentClients online consumers that did not acknowledge
 * @param notes queues left where they are, later rewinds replaced, clamped offsets
 * @param warnings what went wrong after the offsets moved
 */
record UndoResultView(@Nullable String id, String undoes, String group, String topic, boolean dryRun,
        @Nullable String path, String note, List<QueueRewind> queues, long messagesToReplay, long messagesToSkip,
        @Nullable Map<String, Long> verifiedOffsets, List<RewindAck> acknowledgements, List<String> silentClients,
        List<String> notes, List<String> warnings) {
}
