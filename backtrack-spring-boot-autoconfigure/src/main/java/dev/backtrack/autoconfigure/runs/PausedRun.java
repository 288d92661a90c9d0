package dev.backtrack.autoconfigure.runs;

import org.jspecify.annotations.Nullable;

/**
 * A run of a window replay or a redrive whose latest journal entry says it paused: it waits for an operator to resume
 * or abort it.
 *
 * @param runId the run's id, which resume and abort take
 * @param group the consumer group the run sends to
 * @param topic the topic it replays (for a redrive, the group's dead-letter topic)
 * @param reason why it paused, as recorded
 * @param at when it paused, epoch milliseconds
 */
public record PausedRun(String runId, String group, String topic, @Nullable String reason, long at) {
}
