package dev.backtrack.core.operation;

import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import java.util.Set;

/**
 * What a user asks a rewind to do: move {@code group} on {@code topic} to {@code position}.
 *
 * @param group the consumer group to move
 * @param topic its topic
 * @param position where to: a time, offsets, a shift or another group's offsets
 * @param queues the queues to move; empty for every queue of the topic
 * @param dryRun only plan: nothing moves and nothing is recorded
 * @param allowPartial move what can be reached when brokers that held queues of the topic are missing
 * @param actor who asks, as recorded in the journal (a user name, {@code user@host (backtrack CLI)})
 * @param allowPartialHint how the front end's user accepts a partial rewind, in its own terms (e.g.
 *     {@code --allow-partial}), for the text of a refusal
 * @param rate at most how many replayed messages a second the group consumes after the rewind, where its instances
 *     run the starter and are rewound in place ({@link SendRate#UNLIMITED} for full speed)
 */
public record RewindRequest(String group, String topic, PositionRequest position, Set<QueueRef> queues,
        boolean dryRun, boolean allowPartial, String actor, String allowPartialHint, SendRate rate) {

    /** Copies {@code queues}. */
    public RewindRequest {
        queues = Set.copyOf(queues);
    }

    /** A request whose replayed messages are consumed at full speed. */
    public RewindRequest(String group, String topic, PositionRequest position, Set<QueueRef> queues, boolean dryRun,
            boolean allowPartial, String actor, String allowPartialHint) {
        this(group, topic, position, queues, dryRun, allowPartial, actor, allowPartialHint, SendRate.UNLIMITED);
    }
}
