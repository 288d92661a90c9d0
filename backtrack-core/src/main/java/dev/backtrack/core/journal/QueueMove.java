package dev.backtrack.core.journal;

import org.jspecify.annotations.Nullable;

/** One queue's move in a journal entry: from the committed offset (null if none) to the target. */
public record QueueMove(String broker, int queueId, @Nullable Long from, long to) {
}
