package dev.backtrack.core.replay;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a window replay: per queue what was re-published into the group's retry topic, the retry queues whose
 * committed offset was set for an offline group (read back), and the failure that stopped it, if any.
 */
public record WindowReplayResult(WindowPlan plan, String retryTopic, List<QueueReplay> queues,
        List<String> retryOffsetsSet, long appliedAt, @Nullable String failure) {

    /** Messages re-published, every queue. */
    public long replayed() {
        return queues.stream().mapToLong(QueueReplay::replayed).sum();
    }

    /** Whether every matching message of the window was re-published. */
    public boolean complete() {
        return failure == null;
    }
}
